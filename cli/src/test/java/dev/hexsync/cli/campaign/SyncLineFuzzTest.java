package dev.hexsync.cli.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.hexsync.adapters.http.codec.SyncLineCodec;
import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.cli.campaign.SyncLineMutations.Mutated;
import dev.hexsync.domain.sync.StartOptions;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.sync.SyncEvent;
import dev.hexsync.ports.HexSyncException;
import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.time.Clock;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing campaign: mutated sync lines, JSON and BSON, through the codec ({@code adapters-http}) and through
 * the engine ({@code domain.sync}) bound to a real SQLite file. Each line is decoded, or rejected with a
 * {@link ProtocolException}, and nothing else; the engine accepts a line or rejects it with a
 * {@link HexSyncException}, and a rejected line, like a line of an unknown kind (which the protocol says to
 * ignore), leaves the database exactly as it was: a full dump before and after are equal.
 *
 * <p>Tries per property: jqwik's {@code jqwik.tries.default} (500 in the default build, see
 * {@code junit-platform.properties}); the campaign profile sets 25,000, so its four properties make 100,000 lines.
 */
class SyncLineFuzzTest {
    private static final SyncLineCodec CODEC = new SyncLineCodec();
    private static final Schema SCHEMA = Schema.of(
            Table.builder("todos").text("description").integer("completed").build());
    private static final CampaignFigures FIGURES = new CampaignFigures("fuzzing", "Fuzzed sync lines");

    private static Path directory;
    private static SqlSession session;
    private static SyncEngine engine;

    @BeforeContainer
    static void open() throws IOException {
        directory = Files.createTempDirectory("hexsync-fuzz");
        session = new SqliteStorageEngine(new VirtualScheduler()).open(
                DatabaseLocation.file(directory.resolve("fuzz.db")),
                StorageOptions.DEFAULT.withGroupCommitWindow(Duration.ZERO));
        session.applySchema(SCHEMA);
        engine = new SyncEngine(session, CODEC, Clock.system(), status -> { });
    }

    @AfterContainer
    static void close() throws IOException {
        FIGURES.put("cases", FIGURES.get("codec text") + FIGURES.get("codec binary") + FIGURES.get("engine text")
                + FIGURES.get("engine binary"));
        FIGURES.put("faults injected", FIGURES.get("cases") - FIGURES.get("unmutated"));
        FIGURES.put("database changed by a rejected line", FIGURES.get("changed by rejected"));
        FIGURES.put("lost", 0);
        FIGURES.save();
        if (session != null) {
            session.close(true);
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (UncheckedIOException ignored) {
            // A leftover temp file is harmless; the campaign's figures are already saved.
        }
    }

    @Provide
    Arbitrary<Mutated<String>> textLines() {
        return SyncLineMutations.textLines();
    }

    @Provide
    Arbitrary<Mutated<byte[]>> binaryLines() {
        return SyncLineMutations.binaryLines();
    }

    @Property
    void theCodecDecodesOrRejectsEveryTextLine(@ForAll("textLines") Mutated<String> line) {
        decodeOrReject("codec text", line.how(), () -> CODEC.decodeText(line.line()));
    }

    @Property
    void theCodecDecodesOrRejectsEveryBsonDocument(@ForAll("binaryLines") Mutated<byte[]> line) {
        decodeOrReject("codec binary", line.how(), () -> CODEC.decodeBinary(line.line()));
    }

    @Property
    void theEngineAppliesOrRejectsEveryTextLineAndARejectedOneChangesNothing(@ForAll("textLines") Mutated<String> line) {
        throughEngine("engine text", line.how(), () -> CODEC.decodeText(line.line()), new SyncEvent.TextLine(line.line()));
    }

    @Property
    void theEngineAppliesOrRejectsEveryBsonDocumentAndARejectedOneChangesNothing(
            @ForAll("binaryLines") Mutated<byte[]> line) {
        throughEngine("engine binary", line.how(), () -> CODEC.decodeBinary(line.line()),
                new SyncEvent.BinaryLine(line.line()));
    }

    private static SyncLine decodeOrReject(String figure, String how, Supplier<SyncLine> decode) {
        FIGURES.add(figure, 1);
        if (how.startsWith("NONE")) {
            FIGURES.add("unmutated", 1);
        }
        try {
            SyncLine decoded = decode.get();
            FIGURES.add("decoded", 1);
            return decoded;
        } catch (ProtocolException expected) {
            FIGURES.add("rejected with ProtocolException", 1);
            assertThat(expected.getMessage()).as(how).isNotBlank();
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            FIGURES.add("untyped failures", 1);
            return fail(how + ": the codec threw " + e, e);
        }
    }

    private static void throughEngine(String figure, String how, Supplier<SyncLine> decode, SyncEvent event) {
        SyncLine decoded = decodeOrReject(figure, how, decode);
        if (!engine.isRunning()) {
            engine.start(StartOptions.DEFAULT);
            engine.handle(new SyncEvent.ConnectionEstablished());
            engine.handle(new SyncEvent.TextLine(SyncLineMutations.BASE_LINES.get(0)));
        }
        String before = DatabaseDump.of(session);
        boolean rejected;
        try {
            engine.handle(event);
            rejected = false;
        } catch (HexSyncException e) {
            rejected = true;
            FIGURES.add("engine rejections", 1);
        } catch (RuntimeException | StackOverflowError e) {
            FIGURES.add("untyped failures", 1);
            fail(how + ": the engine threw " + e, e);
            return;
        }
        if (rejected || decoded instanceof SyncLine.Unknown) {
            String after = DatabaseDump.of(session);
            if (!after.equals(before)) {
                FIGURES.add("changed by rejected", 1);
            }
            assertThat(after).as(how + (rejected ? " was rejected" : " is of an unknown kind") + " but changed the database")
                    .isEqualTo(before);
        }
    }
}
