package dev.hexsync.cli;

import dev.hexsync.json.JsonException;
import dev.hexsync.ports.HexSyncException;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.schema.json.SchemaJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a schema file in the PowerSync schema JSON form; a missing or invalid file is a usage error naming it. */
final class SchemaFile {
    private SchemaFile() {
    }

    static Schema read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage("--schema " + file + ": no such file");
        } catch (IOException e) {
            throw CliException.usage("--schema " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        try {
            return SchemaJson.parse(text).validate();
        } catch (HexSyncException | JsonException | IllegalArgumentException e) {
            throw CliException.usage("--schema " + file + " is not a valid schema: " + e.getMessage());
        }
    }
}
