package dev.hexsync.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where SQL text holds a second statement, by the rules of sqlite3_complete. */
class StatementTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "SELECT 1;",
        "SELECT 1;;  ;",
        "SELECT 1; -- a comment without a newline",
        "SELECT 1; -- a comment\n",
        "SELECT 1; /* a comment */ ; ",
        "SELECT 1; /* unterminated",
        "SELECT ';' AS a, \"x;y\" AS b, [c;d] AS c, `e;f` AS d",
        "SELECT 'it''s; fine'",
        "-- leading comment; with a semicolon\nSELECT 1",
        "/* ; */ SELECT 1 /* ; */",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); INSERT INTO b VALUES (2); END;",
        "CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN SELECT CASE WHEN 1 THEN 2 END; END",
        "create temporary trigger t after insert on a begin delete from b; end ; -- done",
        "EXPLAIN CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END;",
        "SELECT 'unterminated; SELECT 2",
        "",
        "   ",
    })
    void oneStatement(String sql) {
        assertThat(StatementText.secondStatement(sql)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)",
        "SELECT 1;SELECT 2;",
        "SELECT ';'; SELECT 2",
        "SELECT 1; -- comment\nSELECT 2",
        "SELECT 1; /* comment */ SELECT 2",
        "CREATE TABLE x(a); INSERT INTO x VALUES (1)",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END; SELECT 2",
        "SELECT 1; 'x'",
        "SELECT 1; [x",
        "SELECT 1; END",
    })
    void twoStatements(String sql) {
        OptionalInt second = StatementText.secondStatement(sql);

        assertThat(second).isPresent();
        assertThat(sql.substring(0, second.getAsInt())).contains(";");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)",
        "INSERT INTO t VALUES (';'); -- c\n  INSERT INTO t VALUES (2);",
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO u VALUES (NEW.a); END; INSERT INTO t VALUES (3)",
    })
    void theSecondStatementBeginsWhereSqlitesTailDoes(String sql) throws SQLException {
        // The first part runs as a statement of its own, and the part after the offset holds what it left out.
        int second = StatementText.secondStatement(sql).orElseThrow();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE t(a)");
            statement.executeUpdate("CREATE TABLE u(a)");
            statement.executeUpdate(sql.substring(0, second));
            long afterFirst = count(statement);
            statement.executeUpdate(sql.substring(second));
            assertThat(afterFirst).isLessThan(count(statement));
        }
    }

    private static long count(Statement statement) throws SQLException {
        try (var rows = statement.executeQuery("SELECT (SELECT count(*) FROM t) + (SELECT count(*) FROM sqlite_master)")) {
            return rows.getLong(1);
        }
    }
}
