package io.usp4j.datamodel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Storage} shares; subclasses supply the store under test. */
abstract class StorageContractTest {
    protected Storage storage;

    /** A new, empty store. */
    protected abstract Storage createStorage() throws Exception;

    @BeforeEach
    void openStorage() throws Exception {
        storage = createStorage();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    static List<String> keys(List<StorageEntry> entries) {
        return entries.stream().map(StorageEntry::key).toList();
    }

    @Test
    void a_fresh_store_is_empty() {
        assertThat(storage.get("ns", "k")).isEmpty();
        assertThat(storage.scan("ns", "")).isEmpty();
        assertThat(storage.scan("ns", null, null)).isEmpty();
    }

    @Test
    void put_then_get_returns_bytes_and_strings() {
        storage.commit(new WriteBatch()
                .put("ns", "bytes", new byte[] {0, 1, (byte) 0xff})
                .put("ns", "text", "héllo \uD83D\uDE00")
                .put("ns", "", "empty key")
                .put("ns", "empty value", new byte[0]));

        assertThat(storage.get("ns", "bytes")).hasValueSatisfying(v -> assertThat(v).containsExactly(0, 1, 0xff));
        assertThat(storage.getString("ns", "text")).contains("héllo \uD83D\uDE00");
        assertThat(storage.getString("ns", "")).contains("empty key");
        assertThat(storage.get("ns", "empty value")).hasValueSatisfying(v -> assertThat(v).isEmpty());
    }

    @Test
    void a_later_put_replaces_the_value() {
        storage.commit(new WriteBatch().put("ns", "k", "one"));
        storage.commit(new WriteBatch().put("ns", "k", "two"));

        assertThat(storage.getString("ns", "k")).contains("two");
        assertThat(storage.scan("ns", "")).hasSize(1);
    }

    @Test
    void namespaces_are_separate() {
        storage.commit(new WriteBatch().put("a", "k", "in a").put("b", "k", "in b"));
        storage.commit(new WriteBatch().deletePrefix("a", ""));

        assertThat(storage.get("a", "k")).isEmpty();
        assertThat(storage.getString("b", "k")).contains("in b");
    }

    @Test
    void delete_removes_one_key_and_ignores_absent_ones() {
        storage.commit(new WriteBatch().put("ns", "a", "1").put("ns", "b", "2"));
        storage.commit(new WriteBatch().delete("ns", "a").delete("ns", "never there").delete("other", "x"));

        assertThat(keys(storage.scan("ns", ""))).containsExactly("b");
    }

    @Test
    void delete_prefix_removes_exactly_the_keys_with_that_prefix() {
        storage.commit(new WriteBatch()
                .put("t", "Device.X.1.A", "a1").put("t", "Device.X.1.B", "b1")
                .put("t", "Device.X.10.A", "a10").put("t", "Device.X.2.A", "a2").put("t", "Device.X.1", "row"));
        storage.commit(new WriteBatch().deletePrefix("t", "Device.X.1."));

        assertThat(keys(storage.scan("t", ""))).containsExactly("Device.X.1", "Device.X.10.A", "Device.X.2.A");
    }

    @Test
    void prefix_scan_lists_matching_keys_in_order() {
        storage.commit(new WriteBatch()
                .put("ns", "b/2", "x").put("ns", "a/1", "x").put("ns", "b/1", "x").put("ns", "b", "x")
                .put("ns", "b/10", "x").put("ns", "c", "x").put("other", "b/3", "x"));

        assertThat(keys(storage.scan("ns", "b/"))).containsExactly("b/1", "b/10", "b/2");
        assertThat(keys(storage.scan("ns", ""))).containsExactly("a/1", "b", "b/1", "b/10", "b/2", "c");
        assertThat(storage.scan("ns", "zzz")).isEmpty();
    }

    @Test
    void range_scan_honours_both_bounds_and_open_ends() {
        WriteBatch batch = new WriteBatch();
        for (String k : List.of("k1", "k2", "k3", "k4", "k5")) {
            batch.put("ns", k, k.toUpperCase());
        }
        storage.commit(batch);

        assertThat(keys(storage.scan("ns", "k2", "k4"))).containsExactly("k2", "k3");
        assertThat(keys(storage.scan("ns", null, "k3"))).containsExactly("k1", "k2");
        assertThat(keys(storage.scan("ns", "k4", null))).containsExactly("k4", "k5");
        assertThat(keys(storage.scan("ns", "k3", "k3"))).isEmpty();
        assertThat(storage.scan("ns", "k2", "k3").get(0).valueAsString()).isEqualTo("K2");
        assertThatThrownBy(() -> storage.scan("ns", "k4", "k2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mutations_of_a_batch_apply_in_order() {
        storage.commit(new WriteBatch()
                .put("ns", "gone", "1").delete("ns", "gone")
                .delete("ns", "back").put("ns", "back", "2")
                .put("ns", "p/1", "x").deletePrefix("ns", "p/").put("ns", "p/2", "y"));

        assertThat(storage.get("ns", "gone")).isEmpty();
        assertThat(storage.getString("ns", "back")).contains("2");
        assertThat(keys(storage.scan("ns", "p/"))).containsExactly("p/2");
    }

    @Test
    void an_empty_batch_changes_nothing() {
        storage.commit(new WriteBatch().put("ns", "k", "v"));
        storage.commit(new WriteBatch());

        assertThat(storage.getString("ns", "k")).contains("v");
    }

    @Test
    void values_handed_in_and_out_are_copies() {
        byte[] value = "original".getBytes(StandardCharsets.UTF_8);
        WriteBatch batch = new WriteBatch().put("ns", "k", value);
        value[0] = 'X';
        storage.commit(batch);
        storage.get("ns", "k").orElseThrow()[0] = 'Y';
        storage.scan("ns", "").get(0).value()[0] = 'Z';

        assertThat(storage.getString("ns", "k")).contains("original");
    }

    @Test
    void a_batch_can_be_reused_after_commit() {
        WriteBatch batch = new WriteBatch().put("ns", "a", "1");
        storage.commit(batch);
        batch.clear();
        batch.put("ns", "b", "2");
        storage.commit(batch);

        assertThat(keys(storage.scan("ns", ""))).containsExactly("a", "b");
    }

    @Test
    void bad_names_are_refused_when_added_to_a_batch() {
        WriteBatch batch = new WriteBatch();
        assertThatThrownBy(() -> batch.put("", "k", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.put("n\u0000s", "k", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.put("ns", "bad\uD800", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.put("ns", "k", "\uDC00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.put("ns", "k".repeat(WriteBatch.MAX_KEY_BYTES + 1), "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.put("ns", "k", (String) null)).isInstanceOf(NullPointerException.class);

        assertThat(batch.isEmpty()).isTrue();
    }

    @Test
    void a_closed_store_refuses_use_and_closes_twice_quietly() {
        storage.commit(new WriteBatch().put("ns", "k", "v"));
        storage.close();
        storage.close();

        assertThatThrownBy(() -> storage.get("ns", "k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> storage.scan("ns", "")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> storage.commit(new WriteBatch().put("ns", "k", "w")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readers_on_other_threads_never_see_half_a_commit() throws Exception {
        storage.commit(new WriteBatch().put("pair", "a", "0").put("pair", "b", "0"));
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get() && torn.get() == null) {
                List<StorageEntry> both = storage.scan("pair", "");
                if (both.size() != 2 || !both.get(0).valueAsString().equals(both.get(1).valueAsString())) {
                    torn.set(both.toString() + " " + both.stream().map(StorageEntry::valueAsString).toList());
                }
            }
        });
        reader.start();
        try {
            for (int i = 1; i <= 300; i++) {
                String v = Integer.toString(i);
                storage.commit(new WriteBatch().put("pair", "a", v).delete("pair", "b").put("pair", "b", v));
            }
        } finally {
            done.set(true);
            reader.join();
        }

        assertThat(torn.get()).isNull();
        assertThat(storage.getString("pair", "b")).isEqualTo(Optional.of("300"));
    }
}
