package dev.hexsync.cli;

import dev.hexsync.json.Json;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --stream NAME[:JSON]} argument of {@code hexsync sync}: a sync stream's name and, after the first
 * colon, its parameters as a JSON object.
 */
record StreamArgument(String name, Map<String, Object> parameters) {

    /** For picocli: a bad argument becomes a usage error naming it. */
    static final class Converter implements ITypeConverter<StreamArgument> {
        @Override
        public StreamArgument convert(String value) {
            return parse(value);
        }
    }

    static StreamArgument parse(String argument) {
        int colon = argument.indexOf(':');
        String name = (colon < 0 ? argument : argument.substring(0, colon)).trim();
        if (name.isEmpty()) {
            throw new TypeConversionException("--stream needs a stream name, as NAME or NAME:{\"key\":\"value\"}, got '"
                    + argument + "'");
        }
        Map<String, Object> parameters = colon < 0 ? Map.of()
                : JsonObjectArgument.parse(argument.substring(colon + 1), "--stream " + name).values();
        return new StreamArgument(name, parameters);
    }

    @Override
    public String toString() {
        return parameters.isEmpty() ? name : name + ":" + Json.write(parameters);
    }
}
