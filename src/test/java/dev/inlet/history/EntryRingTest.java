package dev.inlet.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link EntryRing}: when to trim (once entries hold more than {@code keep} records, at most every
 * eighth of {@code keep}), and to which entry, with replies of several event loops out of order.
 */
class EntryRingTest {
    @Test
    void aTrimOnceEntriesHoldMoreThanKeepThenAtMostEveryEighthOfKeep() {
        EntryRing ring = new EntryRing();
        for (int i = 1; i <= 16; i++) {
            assertThat(ring.wrote("1000-" + i, 10, 160)).isNull();
        }
        // 170 records, so the first entry is no longer needed (keep a multiple of the entries' size).
        assertThat(ring.wrote("1000-17", 10, 160)).isEqualTo("1000-2");
        // Trimmed just now: the next 19 records (under keep / 8 = 20) trim nothing, the 20th does.
        assertThat(ring.wrote("1000-18", 19, 160)).isNull();
        assertThat(ring.wrote("1000-19", 1, 160)).isEqualTo("1000-4");
    }

    @Test
    void noTrimWhileEveryEntryWrittenIsStillNeeded() {
        EntryRing ring = new EntryRing();
        for (int i = 1; i <= 10; i++) {
            assertThat(ring.wrote("1000-" + i, 16, 1000)).isNull();
        }
    }

    @Test
    void theOldestIdKeptIsTheTrimPointWhateverOrderTheRepliesCameIn() {
        EntryRing ring = new EntryRing();
        // Two event loops: their replies interleave, one loop's ids older than the other's.
        for (String id : new String[] {"2000-5", "2000-6", "1999-9", "2000-0"}) {
            assertThat(ring.wrote(id, 10, 40)).isNull();
        }
        // 2000-5 leaves; of the rest, 2000-6 came first, but 1999-9 is the oldest id.
        assertThat(ring.wrote("2001-0", 10, 40)).isEqualTo("1999-9");
    }

    @Test
    void idsCompareAsNumbersNotAsText() {
        EntryRing ring = new EntryRing();
        for (String id : new String[] {"1000-5", "999-1", "1000-10"}) {
            assertThat(ring.wrote(id, 20, 60)).isNull();
        }
        // Kept: 999-1 1000-10 1000-2; as text "1000-10" would be the oldest.
        assertThat(ring.wrote("1000-2", 20, 60)).isEqualTo("999-1");
        EntryRing other = new EntryRing();
        other.wrote("7-1", 20, 40);
        other.wrote("8-2", 20, 40);
        // 7-1 leaves; kept 8-2 8-10, and "8-10" < "8-2" as text.
        assertThat(other.wrote("8-10", 20, 40)).isEqualTo("8-2");
    }
}
