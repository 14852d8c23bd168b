package io.usp4j.datamodel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageTest extends StorageContractTest {
    @TempDir
    Path tmp;

    @Override
    protected Storage createStorage() {
        return FileStorage.open(tmp.resolve("contract"));
    }

    private static Map<String, String> contents(Storage s, String namespace) {
        Map<String, String> out = new LinkedHashMap<>();
        s.scan(namespace, "").forEach(e -> out.put(e.key(), e.valueAsString()));
        return out;
    }

    /** Commit {@code i} puts key {@code k<i>} and deletes the key of commit {@code i - 3}. */
    private static WriteBatch numbered(int i) {
        WriteBatch b = new WriteBatch().put("ns", String.format("k%04d", i), "value " + i).put("meta", "last", "" + i);
        if (i > 3) {
            b.delete("ns", String.format("k%04d", i - 3));
        }
        return b;
    }

    private static Map<String, String> expectedAfter(int last) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = Math.max(1, last - 2); i <= last; i++) {
            out.put(String.format("k%04d", i), "value " + i);
        }
        return out;
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void every_commit_survives_close_and_reopen() {
        Path dir = tmp.resolve("reopen");
        try (FileStorage s = FileStorage.open(dir)) {
            for (int i = 1; i <= 20; i++) {
                s.commit(numbered(i));
            }
            s.commit(new WriteBatch().put("bin", "b", new byte[] {0, -1, 7}));
        }
        try (FileStorage s = FileStorage.open(dir)) {
            assertThat(contents(s, "ns")).isEqualTo(expectedAfter(20));
            assertThat(s.get("bin", "b")).hasValueSatisfying(v -> assertThat(v).containsExactly(0, -1, 7));
            assertThat(s.lastCommit()).isEqualTo(21);
            s.commit(numbered(21));
        }
        try (FileStorage s = FileStorage.open(dir)) {
            assertThat(contents(s, "ns")).isEqualTo(expectedAfter(21));
            assertThat(s.lastCommit()).isEqualTo(22);
        }
    }

    @Test
    void compaction_moves_the_journal_into_a_snapshot_and_keeps_every_value() throws IOException {
        Path dir = tmp.resolve("compact");
        try (FileStorage s = FileStorage.builder(dir).compactionThreshold(2_000).open()) {
            for (int i = 1; i <= 500; i++) {
                s.commit(numbered(i).put("big", "row" + (i % 50), "x".repeat(i % 50)));
            }
            assertThat(Files.exists(dir.resolve(FileStorage.SNAPSHOT))).isTrue();
            assertThat(Files.size(dir.resolve(FileStorage.JOURNAL))).isLessThan(6_000);
        }
        try (FileStorage s = FileStorage.open(dir)) {
            assertThat(contents(s, "ns")).isEqualTo(expectedAfter(500));
            assertThat(s.scan("big", "")).hasSize(50);
            assertThat(s.getString("big", "row49")).contains("x".repeat(49));
            assertThat(s.lastCommit()).isEqualTo(500);
            s.commit(numbered(501));
            s.compact();
            assertThat(Files.size(dir.resolve(FileStorage.JOURNAL))).isEqualTo(FileFormat.JOURNAL_HEADER_BYTES);
        }
        try (FileStorage s = FileStorage.open(dir)) {
            assertThat(contents(s, "ns")).isEqualTo(expectedAfter(501));
            assertThat(s.lastCommit()).isEqualTo(501);
        }
    }

    @Test
    void a_journal_already_past_the_threshold_is_compacted_on_open() throws IOException {
        Path dir = tmp.resolve("compact-on-open");
        try (FileStorage s = FileStorage.open(dir)) {
            for (int i = 1; i <= 100; i++) {
                s.commit(numbered(i));
            }
        }
        assertThat(dir.resolve(FileStorage.SNAPSHOT)).doesNotExist();

        try (FileStorage s = FileStorage.builder(dir).compactionThreshold(1_000).open()) {
            assertThat(dir.resolve(FileStorage.SNAPSHOT)).exists();
            assertThat(Files.size(dir.resolve(FileStorage.JOURNAL))).isEqualTo(FileFormat.JOURNAL_HEADER_BYTES);
            assertThat(contents(s, "ns")).isEqualTo(expectedAfter(100));
        }
        try (FileStorage s = FileStorage.open(dir)) {
            assertThat(contents(s, "ns")).isEqualTo(expectedAfter(100));
            assertThat(s.lastCommit()).isEqualTo(100);
        }
    }

    @Test
    void a_torn_last_record_is_cut_off_at_every_length() throws IOException {
        Path dir = tmp.resolve("torn");
        long lastRecordStart;
        try (FileStorage s = FileStorage.open(dir)) {
            for (int i = 1; i <= 9; i++) {
                s.commit(numbered(i));
            }
            lastRecordStart = Files.size(dir.resolve(FileStorage.JOURNAL));
            s.commit(numbered(10));
        }
        byte[] journal = Files.readAllBytes(dir.resolve(FileStorage.JOURNAL));
        assertThat(journal.length).isGreaterThan((int) lastRecordStart + 20);

        for (int cut = (int) lastRecordStart; cut < journal.length; cut++) {
            Path copy = tmp.resolve("torn-" + cut);
            Files.createDirectories(copy);
            Files.write(copy.resolve(FileStorage.JOURNAL), Arrays.copyOf(journal, cut));
            try (FileStorage s = FileStorage.open(copy)) {
                assertThat(contents(s, "ns")).as("cut at %d", cut).isEqualTo(expectedAfter(9));
                assertThat(s.getString("meta", "last")).contains("9");
                s.commit(numbered(10));
            }
            assertThat(Files.size(copy.resolve(FileStorage.JOURNAL))).isEqualTo(journal.length);
            try (FileStorage s = FileStorage.open(copy)) {
                assertThat(contents(s, "ns")).isEqualTo(expectedAfter(10));
            }
        }
    }

    @Test
    void a_tail_of_zeros_or_a_complete_record_with_a_bad_checksum_counts_as_torn() throws IOException {
        Path dir = tmp.resolve("tail");
        long lastRecordStart;
        try (FileStorage s = FileStorage.open(dir)) {
            for (int i = 1; i <= 4; i++) {
                s.commit(numbered(i));
            }
            lastRecordStart = Files.size(dir.resolve(FileStorage.JOURNAL));
            s.commit(numbered(5));
        }
        byte[] journal = Files.readAllBytes(dir.resolve(FileStorage.JOURNAL));

        Path zeros = tmp.resolve("zeros");
        Files.createDirectories(zeros);
        Files.write(zeros.resolve(FileStorage.JOURNAL), Arrays.copyOf(journal, journal.length + 4096));
        try (FileStorage s = FileStorage.open(zeros)) {
            assertThat(contents(s, "ns")).isEqualTo(expectedAfter(5));
        }
        assertThat(Files.size(zeros.resolve(FileStorage.JOURNAL))).isEqualTo(journal.length);

        Path badLast = tmp.resolve("bad-last");
        Files.createDirectories(badLast);
        byte[] damaged = journal.clone();
        damaged[damaged.length - 1] ^= 0x10;
        Files.write(badLast.resolve(FileStorage.JOURNAL), damaged);
        try (FileStorage s = FileStorage.open(badLast)) {
            assertThat(contents(s, "ns")).isEqualTo(expectedAfter(4));
        }
        assertThat(Files.size(badLast.resolve(FileStorage.JOURNAL))).isEqualTo(lastRecordStart);
    }

    @Test
    void a_bit_flip_in_a_middle_record_is_reported_at_every_byte() throws IOException {
        Path dir = tmp.resolve("flip");
        long start;
        long end;
        try (FileStorage s = FileStorage.open(dir)) {
            for (int i = 1; i <= 4; i++) {
                s.commit(numbered(i));
            }
            start = Files.size(dir.resolve(FileStorage.JOURNAL));
            s.commit(numbered(5));
            end = Files.size(dir.resolve(FileStorage.JOURNAL));
            for (int i = 6; i <= 8; i++) {
                s.commit(numbered(i));
            }
        }
        byte[] journal = Files.readAllBytes(dir.resolve(FileStorage.JOURNAL));
        for (int at = (int) start; at < end; at++) {
            byte[] damaged = journal.clone();
            damaged[at] ^= (byte) (1 << (at % 8));
            Path copy = tmp.resolve("flip-" + at);
            Files.createDirectories(copy);
            Files.write(copy.resolve(FileStorage.JOURNAL), damaged);

            assertThatThrownBy(() -> FileStorage.open(copy).close())
                    .as("flip at %d", at)
                    .isInstanceOfSatisfying(StorageCorruptedException.class,
                            e -> assertThat(e.offset()).isEqualTo(start));
            // The refused store released its lock and left the files alone.
            assertThat(Files.readAllBytes(copy.resolve(FileStorage.JOURNAL))).isEqualTo(damaged);
        }
    }

    @Test
    void damage_to_the_journal_header_or_the_snapshot_is_reported() throws IOException {
        Path dir = tmp.resolve("headers");
        try (FileStorage s = FileStorage.open(dir)) {
            for (int i = 1; i <= 5; i++) {
                s.commit(numbered(i));
            }
            s.compact();
            s.commit(numbered(6));
        }
        byte[] snapshot = Files.readAllBytes(dir.resolve(FileStorage.SNAPSHOT));
        for (int at = 0; at < snapshot.length; at += 7) {
            Path copy = tmp.resolve("snap-" + at);
            copyDir(dir, copy);
            byte[] damaged = snapshot.clone();
            damaged[at] ^= 0x01;
            Files.write(copy.resolve(FileStorage.SNAPSHOT), damaged);
            assertThatThrownBy(() -> FileStorage.open(copy).close()).as("snapshot flip at %d", at)
                    .isInstanceOf(StorageException.class);
            if (at < 8 || at >= 12) {
                assertThatThrownBy(() -> FileStorage.open(copy).close()).isInstanceOf(StorageCorruptedException.class);
            }
        }
        byte[] journal = Files.readAllBytes(dir.resolve(FileStorage.JOURNAL));
        for (int at : new int[] {0, 13, 20, 23}) {
            Path copy = tmp.resolve("jhead-" + at);
            copyDir(dir, copy);
            byte[] damaged = journal.clone();
            damaged[at] ^= 0x40;
            Files.write(copy.resolve(FileStorage.JOURNAL), damaged);
            assertThatThrownBy(() -> FileStorage.open(copy).close()).as("journal header flip at %d", at)
                    .isInstanceOf(StorageCorruptedException.class);
        }
    }

    @Test
    void a_newer_format_version_is_refused_as_such() throws IOException {
        Path dir = tmp.resolve("version");
        FileStorage.open(dir).close();
        byte[] journal = Files.readAllBytes(dir.resolve(FileStorage.JOURNAL));
        journal[11] = 2;
        Files.write(dir.resolve(FileStorage.JOURNAL), journal);

        assertThatThrownBy(() -> FileStorage.open(dir).close())
                .isInstanceOf(StorageException.class)
                .isNotInstanceOf(StorageCorruptedException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void a_missing_file_is_reported_rather_than_starting_empty() throws IOException {
        Path dir = tmp.resolve("missing");
        try (FileStorage s = FileStorage.open(dir)) {
            s.commit(numbered(1));
            s.compact();
            s.commit(numbered(2));
        }
        Path noSnapshot = tmp.resolve("no-snapshot");
        copyDir(dir, noSnapshot);
        Files.delete(noSnapshot.resolve(FileStorage.SNAPSHOT));
        assertThatThrownBy(() -> FileStorage.open(noSnapshot).close()).isInstanceOf(StorageCorruptedException.class);

        Path noJournal = tmp.resolve("no-journal");
        copyDir(dir, noJournal);
        Files.delete(noJournal.resolve(FileStorage.JOURNAL));
        assertThatThrownBy(() -> FileStorage.open(noJournal).close()).isInstanceOf(StorageCorruptedException.class);
    }

    @Test
    void a_crash_between_the_snapshot_and_the_journal_rename_loses_nothing() throws IOException {
        Path dir = tmp.resolve("half-compacted");
        try (FileStorage s = FileStorage.open(dir)) {
            for (int i = 1; i <= 6; i++) {
                s.commit(numbered(i));
            }
        }
        byte[] oldJournal = Files.readAllBytes(dir.resolve(FileStorage.JOURNAL));
        try (FileStorage s = FileStorage.open(dir)) {
            s.compact();
        }
        Files.write(dir.resolve(FileStorage.JOURNAL), oldJournal);

        try (FileStorage s = FileStorage.open(dir)) {
            assertThat(contents(s, "ns")).isEqualTo(expectedAfter(6));
            assertThat(s.lastCommit()).isEqualTo(6);
            s.commit(numbered(7));
        }
        try (FileStorage s = FileStorage.open(dir)) {
            assertThat(contents(s, "ns")).isEqualTo(expectedAfter(7));
            assertThat(s.lastCommit()).isEqualTo(7);
        }
    }

    @Test
    void leftover_temporary_files_are_ignored_and_removed() throws IOException {
        Path dir = tmp.resolve("leftovers");
        try (FileStorage s = FileStorage.open(dir)) {
            s.commit(numbered(1));
        }
        Files.write(dir.resolve(FileStorage.SNAPSHOT + ".tmp"), new byte[] {1, 2, 3});
        Files.write(dir.resolve(FileStorage.JOURNAL + ".tmp"), new byte[] {4, 5});

        try (FileStorage s = FileStorage.open(dir)) {
            assertThat(contents(s, "ns")).isEqualTo(expectedAfter(1));
        }
        assertThat(dir.resolve(FileStorage.SNAPSHOT + ".tmp")).doesNotExist();
        assertThat(dir.resolve(FileStorage.JOURNAL + ".tmp")).doesNotExist();
    }

    @Test
    void a_second_opener_is_locked_out_until_the_first_closes() {
        Path dir = tmp.resolve("locked");
        FileStorage first = FileStorage.open(dir);
        try {
            first.commit(numbered(1));
            assertThatThrownBy(() -> FileStorage.open(dir))
                    .isInstanceOfSatisfying(StorageLockedException.class,
                            e -> assertThat(e.directory()).isEqualTo(dir));
            first.commit(numbered(2));
        } finally {
            first.close();
        }
        try (FileStorage second = FileStorage.open(dir)) {
            assertThat(contents(second, "ns")).isEqualTo(expectedAfter(2));
        }
    }
}
