package dev.hexsync.bootstrap.triggers;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.DiffTriggerOptions;
import dev.hexsync.ports.api.SyncDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second process for the diff-trigger tests: opens the database file given as the only argument with the
 * default wiring (persisted triggers, file-lock claims) and obeys one command per stdin line:
 * {@code persist} creates a persisted diff trigger on {@code todos} and prints {@code trigger <id> <destination>};
 * {@code insert <id>} inserts a todo and prints {@code inserted}. It exits when stdin ends.
 */
public final class TriggerChildMain {
    private TriggerChildMain() {
    }

    public static void main(String[] args) throws Exception {
        List<DiffTrigger> triggers = new ArrayList<>();
        try (SyncDatabase db = HexSync.builder().sqlite(Path.of(args[0])).schema(DiffTriggerTest.SCHEMA).build()) {
            System.out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "persist" -> {
                        DiffTrigger trigger = db.createDiffTrigger(DiffTriggerOptions.of("todos"));
                        triggers.add(trigger);
                        System.out.println("trigger " + trigger.id() + " " + trigger.destination());
                    }
                    case "insert" -> {
                        db.execute("INSERT INTO todos(id, description) VALUES (?, ?)", words[1], "from the child");
                        System.out.println("inserted");
                    }
                    default -> System.out.println("unknown command " + line);
                }
                System.out.flush();
            }
        }
    }
}
