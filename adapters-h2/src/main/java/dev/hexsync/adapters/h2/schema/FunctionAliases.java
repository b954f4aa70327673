package dev.hexsync.adapters.h2.schema;

import dev.hexsync.adapters.h2.functions.JsonFunctions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The SQL functions of {@link JsonFunctions}, declared to H2 (deterministic, so views and indexes may use them). */
final class FunctionAliases {
    private FunctionAliases() {
    }

    static void create(Connection connection) throws SQLException {
        String owner = JsonFunctions.class.getName();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE ALIAS IF NOT EXISTS ps_json_text DETERMINISTIC FOR '" + owner + ".text'");
            statement.execute("CREATE ALIAS IF NOT EXISTS ps_json_integer DETERMINISTIC FOR '" + owner + ".integer'");
            statement.execute("CREATE ALIAS IF NOT EXISTS ps_json_real DETERMINISTIC FOR '" + owner + ".real'");
            statement.execute("CREATE ALIAS IF NOT EXISTS json_extract DETERMINISTIC FOR '" + owner + ".extract'");
        }
    }
}
