package dev.hexsync.cli;

import dev.hexsync.json.Json;
import dev.hexsync.json.JsonException;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A JSON object given on the command line ({@code --params}); anything else is a usage error saying why. */
record JsonObjectArgument(Map<String, Object> values) {

    /** For picocli. */
    static final class Converter implements ITypeConverter<JsonObjectArgument> {
        @Override
        public JsonObjectArgument convert(String value) {
            return parse(value, "--params");
        }
    }

    static JsonObjectArgument parse(String text, String option) {
        try {
            return new JsonObjectArgument(Json.parseObject(text));
        } catch (JsonException | IllegalArgumentException e) {
            throw new TypeConversionException(option + " needs a JSON object, e.g. {\"key\":\"value\"}: "
                    + e.getMessage());
        }
    }
}
