package dev.hexsync.emulator;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the emulated sync config: a legacy bucket definition or a sync stream. A definition names
 * buckets by parameter tuples: its {@link DataQuery} says into which tuples a source row goes, and its
 * {@link ParameterQuery} says which tuples a connection (or an explicit subscription) gets. Bucket ids follow
 * the service: {@code 1#name["a"]} for bucket definitions and {@code 1#name|0["a"]} for streams, where
 * {@code 1#} is the sync config version.
 *
 * <pre>{@code
 * StreamDefinition.bucketDefinition("global").tables("lists", "todos");
 * StreamDefinition.stream("list_todos")
 *     .parameters(ctx -> List.of(List.of(ctx.subscriptionParameter("list_id"))))
 *     .data((table, row) -> table.equals("todos") ? List.of(List.of(row.get("list_id"))) : List.of());
 * }</pre>
 *
 * <p>Instances are immutable; every {@code with}-style method returns a copy.
 */
public final class StreamDefinition {

    /**
     * Which parameter tuples a source row belongs to; an empty collection keeps it out of every bucket. Runs at
     * replication time. It should not throw: an exception halts replication (the row stays unreplicated and
     * the exception reaches whoever made the change), as a failing sync config halts the service's.
     */
    @FunctionalInterface
    public interface DataQuery {
        Collection<? extends List<?>> bucketParameters(String table, Map<String, Object> row);
    }

    /**
     * Which parameter tuples a connection or subscription gets. Throwing an exception reports a stream error
     * in the checkpoint's {@code streams} section instead of failing the connection.
     */
    @FunctionalInterface
    public interface ParameterQuery {
        Collection<? extends List<?>> bucketParameters(ParameterContext context);
    }

    private static final DataQuery NO_ROWS = (table, row) -> List.of();
    private static final ParameterQuery ONE_BUCKET = context -> List.of(List.of());

    private final String name;
    private final boolean stream;
    private final boolean autoSubscribe;
    private final int priority;
    private final DataQuery data;
    private final ParameterQuery parameters;

    private StreamDefinition(String name, boolean stream, boolean autoSubscribe, int priority, DataQuery data,
            ParameterQuery parameters) {
        this.name = requireNonNull(name, "name is null");
        this.stream = stream;
        this.autoSubscribe = autoSubscribe;
        this.priority = priority;
        this.data = requireNonNull(data, "data is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
    }

    /**
     * A legacy bucket definition ({@code bucket_definitions} in YAML): always a default stream, bucket ids
     * {@code name[...]}. Without {@link #parameters} every connection gets the one bucket {@code name[]}.
     */
    public static StreamDefinition bucketDefinition(String name) {
        return new StreamDefinition(name, false, true, 3, NO_ROWS, ONE_BUCKET);
    }

    /**
     * A sync stream: subscribed explicitly unless {@link #autoSubscribe()} is set, bucket ids
     * {@code name|0[...]}. Without {@link #parameters} every subscriber gets the one bucket {@code name|0[]}.
     */
    public static StreamDefinition stream(String name) {
        return new StreamDefinition(name, true, false, 3, NO_ROWS, ONE_BUCKET);
    }

    /** Makes a stream a default stream ({@code auto_subscribe: true}). Bucket definitions always are. */
    public StreamDefinition autoSubscribe() {
        return new StreamDefinition(name, stream, true, priority, data, parameters);
    }

    /** Sets the priority, 0 (first) to 3 (default). */
    public StreamDefinition priority(int priority) {
        if (priority < 0 || priority > 3) {
            throw new IllegalArgumentException("priority must be 0..3, got " + priority);
        }
        return new StreamDefinition(name, stream, autoSubscribe, priority, data, parameters);
    }

    /** Puts every row of these tables into the parameterless bucket (like {@code SELECT * FROM t}). */
    public StreamDefinition tables(String... tables) {
        Set<String> names = Set.of(tables);
        return data((table, row) -> names.contains(table) ? List.of(List.of()) : List.of());
    }

    /** Sets the data query. */
    public StreamDefinition data(DataQuery data) {
        return new StreamDefinition(name, stream, autoSubscribe, priority, data, parameters);
    }

    /** Sets the parameter query. */
    public StreamDefinition parameters(ParameterQuery parameters) {
        return new StreamDefinition(name, stream, autoSubscribe, priority, data, parameters);
    }

    /** The definition's name, as it appears in the checkpoint's {@code streams}. */
    public String name() {
        return name;
    }

    /** Whether connections get it without subscribing ({@code is_default}). */
    public boolean isDefault() {
        return autoSubscribe;
    }

    /** The definition's priority. */
    public int priority() {
        return priority;
    }

    DataQuery dataQuery() {
        return data;
    }

    ParameterQuery parameterQuery() {
        return parameters;
    }

    /** The bucket id for one parameter tuple, e.g. {@code 1#list_todos|0["a"]}. */
    String bucketId(String versionPrefix, String parametersJson) {
        return versionPrefix + name + (stream ? "|0" : "") + parametersJson;
    }

    @Override
    public String toString() {
        return (stream ? "stream " : "bucket definition ") + name;
    }
}
