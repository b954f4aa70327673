package dev.hexsync.adapters.h2;

import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The other process of {@link H2TwoProcessesTest}: opens the H2 file given as its argument and answers commands
 * on stdin, one per line: {@code insert <id>} writes a row through the view, {@code count} prints the rows of
 * {@code todos} and of {@code ps_crud}, {@code exit} closes the database.
 */
public final class SharedFileChild {
    static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").build());

    private SharedFileChild() {
    }

    public static void main(String[] args) throws Exception {
        try (SqlSession session = new H2StorageEngine().open(DatabaseLocation.file(Path.of(args[0])), StorageOptions.DEFAULT)) {
            session.applySchema(SCHEMA);
            System.out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
                if (line.startsWith("insert ")) {
                    String id = line.substring("insert ".length());
                    session.write(tx -> tx.execute("INSERT INTO todos(id, description) VALUES (?, ?)", id, "from the child"));
                    System.out.println("inserted " + id);
                } else if (line.equals("count")) {
                    long rows = session.read(tx -> tx.get("SELECT count(*) AS n FROM todos").getLong("n"));
                    long queued = session.read(tx -> tx.get("SELECT count(*) AS n FROM ps_crud").getLong("n"));
                    System.out.println("count " + rows + " " + queued);
                } else {
                    System.out.println("unknown command " + line);
                }
            }
        }
    }
}
