package dev.hexsync.adapters.http.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.model.BucketSubscriptionReason.DefaultStream;
import dev.hexsync.ports.model.BucketSubscriptionReason.ExplicitSubscription;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.model.StreamDescription;
import dev.hexsync.ports.model.SyncLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every line of the streams captured from a real PowerSync Service (v1.25.0; see
 * {@code src/test/resources/fixtures/README.md}) decodes, and decodes to what the stream means.
 */
class RealServiceFixturesTest {
    static final List<String> FIXTURES =
            List.of("bucket-definitions.ndjson", "sync-streams.ndjson", "write-checkpoint.ndjson");
    private static final String USER_LISTS = "1#user_lists[\"11111111-1111-1111-1111-111111111111\"]";

    private final SyncLineCodec codec = new SyncLineCodec();

    static List<String> lines(String fixture) {
        try (InputStream in = RealServiceFixturesTest.class.getResourceAsStream("/fixtures/" + fixture)) {
            assertThat(in).as("fixture %s on the test classpath", fixture).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<SyncLine> decodeAll(String fixture) {
        return lines(fixture).stream().map(codec::decodeText).toList();
    }

    private static Map<String, Long> kinds(List<SyncLine> lines) {
        return lines.stream().collect(Collectors.groupingBy(l -> l.getClass().getSimpleName(), LinkedHashMap::new,
                Collectors.counting()));
    }

    @Test
    void bucketDefinitionsStream() {
        List<SyncLine> lines = decodeAll("bucket-definitions.ndjson");

        assertThat(lines).hasSize(17);
        assertThat(kinds(lines)).containsExactlyInAnyOrderEntriesOf(Map.of("Checkpoint", 1L, "Data", 8L,
                "CheckpointComplete", 4L, "CheckpointDiff", 3L, "TokenExpiresIn", 1L));

        SyncLine.Checkpoint first = (SyncLine.Checkpoint) lines.get(0);
        assertThat(first.lastOpId()).isEqualTo(new OpId(6));
        assertThat(first.writeCheckpoint()).isEmpty();
        assertThat(first.buckets()).containsExactly(
                // Sent as -1459738297: a bucket checksum in its signed form.
                new BucketChecksum("1#global[]", Checksum.of(2835228999L), 3, OptionalLong.of(3),
                        List.of(new DefaultStream(0))),
                new BucketChecksum(USER_LISTS, Checksum.of(667088181), 3, OptionalLong.of(2),
                        List.of(new DefaultStream(1))));
        assertThat(first.streams()).containsExactly(new StreamDescription("global", true, List.of()),
                new StreamDescription("user_lists", true, List.of()));

        SyncLine.Data firstData = (SyncLine.Data) lines.get(1);
        assertThat(firstData.bucket()).isEqualTo("1#global[]");
        assertThat(firstData.data().get(0)).isEqualTo(new OplogEntry(new OpId(1), OpType.PUT, "lists",
                "11111111-1111-1111-1111-111111111111",
                "ea36d51c-fa6a-4904-97fb-4a06243ce636/fed5fbc3-acd3-53cf-8049-cc65ba1c3c84",
                "{\"id\":\"11111111-1111-1111-1111-111111111111\",\"created_at\":\"2026-11-22 12:03:26.456034Z\","
                        + "\"name\":\"Groceries\",\"owner_id\":\"aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa\"}",
                Checksum.of(2168140818L)));

        assertThat(lines.get(3)).isEqualTo(new SyncLine.CheckpointComplete(new OpId(6)));
        SyncLine.CheckpointDiff diff = (SyncLine.CheckpointDiff) lines.get(4);
        assertThat(diff.lastOpId()).isEqualTo(new OpId(8));
        assertThat(diff.removedBuckets()).isEmpty();
        assertThat(diff.updatedBuckets()).extracting(BucketChecksum::bucket).containsExactly("1#global[]", USER_LISTS);
        assertThat(diff.writeCheckpoint()).isEmpty();

        // The DELETE in the source arrives as REMOVE ops with "data": null.
        List<OplogEntry> removes = ops(lines).stream().filter(op -> op.op() == OpType.REMOVE).toList();
        assertThat(removes).hasSize(2).allSatisfy(op -> {
            assertThat(op.data()).isNull();
            assertThat(op.objectId()).isEqualTo("86e17254-7be2-405f-8eb5-be065cac5cd9");
            assertThat(op.checksum()).isEqualTo(Checksum.of(2840618249L));
        });
        assertThat(ops(lines)).hasSize(11).filteredOn(op -> op.op() == OpType.PUT).hasSize(9)
                .allSatisfy(op -> assertThat(op.data()).startsWith("{\"id\":"));

        assertThat(lines.get(16)).isEqualTo(new SyncLine.TokenExpiresIn(3580));
        assertChecksumsAddUp(lines);
    }

    @Test
    void syncStreamsStream() {
        List<SyncLine> lines = decodeAll("sync-streams.ndjson");

        assertThat(kinds(lines)).containsExactlyInAnyOrderEntriesOf(
                Map.of("Checkpoint", 1L, "Data", 3L, "CheckpointComplete", 1L));
        SyncLine.Checkpoint checkpoint = (SyncLine.Checkpoint) lines.get(0);
        assertThat(checkpoint.lastOpId()).isEqualTo(new OpId(20));
        assertThat(checkpoint.writeCheckpoint()).contains(new OpId(3));
        assertThat(checkpoint.buckets()).extracting(BucketChecksum::bucket).containsExactly("2#all_lists|0[]",
                "2#my_lists|0[\"aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa\"]",
                "2#list_todos|0[\"11111111-1111-1111-1111-111111111111\"]");
        assertThat(checkpoint.buckets()).extracting(BucketChecksum::subscriptions).containsExactly(
                List.of(new DefaultStream(0)), List.of(new DefaultStream(1)), List.of(new ExplicitSubscription(0)));
        assertThat(checkpoint.streams()).containsExactly(new StreamDescription("all_lists", true, List.of()),
                new StreamDescription("my_lists", true, List.of()),
                new StreamDescription("list_todos", false, List.of()));
        assertThat(ops(lines)).hasSize(5).allSatisfy(op -> assertThat(op.op()).isEqualTo(OpType.PUT));
        assertThat(lines.get(4)).isEqualTo(new SyncLine.CheckpointComplete(new OpId(20)));
        assertChecksumsAddUp(lines);
    }

    @Test
    void writeCheckpointStream() {
        List<SyncLine> lines = decodeAll("write-checkpoint.ndjson");

        assertThat(kinds(lines)).containsExactlyInAnyOrderEntriesOf(
                Map.of("Checkpoint", 1L, "Data", 3L, "CheckpointComplete", 3L, "CheckpointDiff", 2L));
        assertThat(((SyncLine.Checkpoint) lines.get(0)).writeCheckpoint()).contains(new OpId(2));
        // The write checkpoint request shows up as a diff with nothing but a new write_checkpoint.
        assertThat(lines.get(4)).isEqualTo(
                new SyncLine.CheckpointDiff(new OpId(12), List.of(), List.of(), Optional.of(new OpId(3))));
        SyncLine.CheckpointDiff second = (SyncLine.CheckpointDiff) lines.get(6);
        assertThat(second.updatedBuckets()).containsExactly(new BucketChecksum("1#global[]",
                Checksum.of(-2054812217), 3, OptionalLong.of(7), List.of(new DefaultStream(0))));
        assertThat(ops(lines)).hasSize(12);
        assertChecksumsAddUp(lines);
    }

    /** Each stream starts from nothing, so at every checkpoint_complete each bucket's ops sum to its checksum. */
    private static void assertChecksumsAddUp(List<SyncLine> lines) {
        Map<String, Checksum> expected = new HashMap<>();
        Map<String, Checksum> sums = new HashMap<>();
        int completes = 0;
        for (SyncLine line : lines) {
            if (line instanceof SyncLine.Checkpoint checkpoint) {
                expected.clear();
                checkpoint.buckets().forEach(b -> expected.put(b.bucket(), b.checksum()));
            } else if (line instanceof SyncLine.CheckpointDiff diff) {
                diff.updatedBuckets().forEach(b -> expected.put(b.bucket(), b.checksum()));
                diff.removedBuckets().forEach(expected::remove);
            } else if (line instanceof SyncLine.Data data) {
                for (OplogEntry op : data.data()) {
                    sums.merge(data.bucket(), op.checksum(), Checksum::plus);
                }
            } else if (line instanceof SyncLine.CheckpointComplete) {
                completes++;
                expected.forEach((bucket, checksum) ->
                        assertThat(sums.getOrDefault(bucket, Checksum.ZERO)).as("checksum of %s", bucket)
                                .isEqualTo(checksum));
            }
        }
        assertThat(completes).isPositive();
    }

    private static List<OplogEntry> ops(List<SyncLine> lines) {
        return lines.stream().filter(SyncLine.Data.class::isInstance).map(SyncLine.Data.class::cast)
                .flatMap(d -> d.data().stream()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bucket-definitions.ndjson", "sync-streams.ndjson", "write-checkpoint.ndjson"})
    void everyLineDecodesIdenticallyFromBson(String fixture) {
        for (String line : lines(fixture)) {
            SyncLine fromJson = codec.decodeText(line);
            for (TestBson.WideIntegers wide : TestBson.WideIntegers.values()) {
                byte[] bson = TestBson.encode(TestBson.fromJson(line, wide));
                assertThat(codec.decodeBinary(bson)).as("%s as BSON (%s)", line, wide).isEqualTo(fromJson);
            }
        }
    }

    @Test
    void opIdsHaveGapsPerBucketButAreIncreasing() {
        Function<List<SyncLine>, Map<String, List<Long>>> opIdsByBucket = lines -> lines.stream()
                .filter(SyncLine.Data.class::isInstance).map(SyncLine.Data.class::cast)
                .collect(Collectors.groupingBy(SyncLine.Data::bucket, LinkedHashMap::new,
                        Collectors.flatMapping(d -> d.data().stream().map(op -> op.opId().value()),
                                Collectors.toList())));
        Map<String, List<Long>> byBucket = opIdsByBucket.apply(decodeAll("bucket-definitions.ndjson"));
        assertThat(byBucket.get("1#global[]")).containsExactly(1L, 3L, 5L, 7L, 9L, 11L);
        assertThat(byBucket.get(USER_LISTS)).containsExactly(4L, 6L, 8L, 10L, 12L);
    }
}
