package dev.hexsync.domain.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.api.QueryDiff;
import dev.hexsync.ports.api.SqlRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DifferentialWatchTest {
    private static final List<String> COLUMNS = List.of("id", "name");

    /** A mapped row; a new object per mapping, so identity shows whether a previous object was reused. */
    static final class Item {
        final String name;

        Item(SqlRow row) {
            this.name = row.getString("name");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ManualResults results;
    private final List<QueryDiff<Item>> diffs = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private Flow.Subscription subscription;

    @BeforeEach
    void subscribe() {
        results = new ManualResults();
        new DifferentialWatch<>(results, Item::new, "id").subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
            }

            @Override
            public void onNext(QueryDiff<Item> item) {
                diffs.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                errors.add(throwable);
            }

            @Override
            public void onComplete() {
            }
        });
        subscription.request(Long.MAX_VALUE);
    }

    @Test
    void anEmptyFirstResultIsNotPublishedAndTheFirstRowsArriveAsAdded() {
        results.emit();
        assertThat(diffs).isEmpty();

        results.emit(row("a", "milk"), row("b", "eggs"));
        assertThat(diffs).hasSize(1);
        assertThat(diffs.get(0).added()).extracting(item -> item.name).containsExactly("milk", "eggs");
        assertThat(diffs.get(0).all()).containsExactlyElementsOf(diffs.get(0).added());
        assertThat(diffs.get(0).removed()).isEmpty();
    }

    @Test
    void reportsUpdatesRemovalsAndReusesUnchangedRows() {
        results.emit(row("a", "milk"), row("b", "eggs"), row("c", "tea"));
        QueryDiff<Item> first = diffs.get(0);

        results.emit(row("a", "oat milk"), row("c", "tea"), row("d", "bread"));
        QueryDiff<Item> second = diffs.get(1);

        assertThat(second.added()).extracting(item -> item.name).containsExactly("bread");
        assertThat(second.removed()).containsExactly(first.all().get(1));
        assertThat(second.updated()).hasSize(1);
        assertThat(second.updated().get(0).current().name).isEqualTo("oat milk");
        assertThat(second.updated().get(0).previous()).isSameAs(first.all().get(0));
        assertThat(second.unchanged()).singleElement().isSameAs(first.all().get(2));
        assertThat(second.all()).extracting(item -> item.name).containsExactly("oat milk", "tea", "bread");
    }

    @Test
    void aReorderedButOtherwiseEqualResultIsNotPublished() {
        results.emit(row("a", "milk"), row("b", "eggs"));
        results.emit(row("b", "eggs"), row("a", "milk"));
        assertThat(diffs).hasSize(1);
    }

    @Test
    void everyRowRemovedIsPublishedOnce() {
        results.emit(row("a", "milk"));
        results.emit();
        assertThat(diffs).hasSize(2);
        assertThat(diffs.get(1).removed()).extracting(item -> item.name).containsExactly("milk");
        assertThat(diffs.get(1).all()).isEmpty();
    }

    @Test
    void aDuplicateKeyEndsTheWatchWithAnErrorNamingTheKey() {
        results.emit(row("a", "milk"), row("a", "eggs"));
        assertThat(diffs).isEmpty();
        assertThat(errors).singleElement().satisfies(error ->
                assertThat(error).hasMessageContaining("key a").hasMessageContaining("'id'"));
        assertThat(results.cancelled).isTrue();
    }

    @Test
    void asksForAResultOnlyWhileTheSubscriberHasDemand() {
        ManualResults upstream = new ManualResults();
        Flow.Subscription[] downstream = new Flow.Subscription[1];
        List<QueryDiff<Item>> received = new ArrayList<>();
        new DifferentialWatch<>(upstream, Item::new, "id").subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                downstream[0] = s;
            }

            @Override
            public void onNext(QueryDiff<Item> item) {
                received.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(upstream.requested).isZero();
        downstream[0].request(1);
        assertThat(upstream.requested).isEqualTo(1);
        upstream.emit(row("a", "milk"));
        assertThat(received).hasSize(1);
        assertThat(upstream.requested).as("no demand left, nothing more asked").isZero();
    }

    private static SqlRow row(String id, String name) {
        return new SqlRow(COLUMNS, new Object[] {id, name});
    }

    /** An upstream watch the test drives by hand, honouring demand. */
    private static final class ManualResults implements Flow.Publisher<List<SqlRow>> {
        private Flow.Subscriber<? super List<SqlRow>> subscriber;
        long requested;
        boolean cancelled;

        @Override
        public void subscribe(Flow.Subscriber<? super List<SqlRow>> s) {
            subscriber = s;
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    requested += n;
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }

        void emit(SqlRow... rows) {
            assertThat(requested).as("emitted only on demand").isPositive();
            requested--;
            subscriber.onNext(List.of(rows));
        }
    }
}
