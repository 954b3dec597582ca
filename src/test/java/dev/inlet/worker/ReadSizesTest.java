package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many entries a consumer asks for, given the bytes it may still hold. */
class ReadSizesTest {
    static final long MIB = 1024 * 1024;

    @Test
    void beforeAnySizeIsKnownAFewEntriesAreRead() {
        assertThat(ReadSizes.readCount(64, 10 * MIB, 0, 0)).isEqualTo(4);
    }

    @Test
    void smallEntriesFillTheBatch() {
        assertThat(ReadSizes.readCount(64, 10 * MIB, 1_000, 1_200)).isEqualTo(64);
    }

    @Test
    void oneLargeEntryAmongSmallOnesShrinksTheNextReadAtOnce() {
        // The average is still ~100 KiB after one 1 MiB entry among small ones; the largest recent one counts.
        assertThat(ReadSizes.readCount(64, 10 * MIB, 100 * 1024, MIB)).isEqualTo(10);
    }

    @Test
    void atLeastOneEntryEvenWithNoBytesLeft() {
        assertThat(ReadSizes.readCount(64, 0, 1_000, MIB)).isEqualTo(1);
        assertThat(ReadSizes.readCount(64, -5 * MIB, 1_000, MIB)).isEqualTo(1);
    }

    @Test
    void aReadNeverAsksForMoreThanItsShareHoldsAtTheLargestAcceptedSize() {
        // 80 MiB for reads (a quarter of a 320 MiB heap), four consumers, endpoints that accept 1 MiB.
        long worst = ReadSizes.worstCaseCount(80 * MIB, 4, MIB);
        assertThat(worst).isEqualTo(19);
        assertThat(worst * (MIB + ReadSizes.ENTRY_OVERHEAD) * 4).isLessThanOrEqualTo(80 * MIB);
    }

    @Test
    void smallBodiesLeaveTheBatchSizeAlone() {
        // The default maxBodySize (256 KiB) and one consumer: far more than a batch of 64.
        assertThat(ReadSizes.worstCaseCount(80 * MIB, 1, 256 * 1024)).isEqualTo(300);
    }

    @Test
    void atLeastOneEntryWhateverTheSizes() {
        assertThat(ReadSizes.worstCaseCount(80 * MIB, 64, 100 * MIB)).isEqualTo(1);
        assertThat(ReadSizes.worstCaseCount(80 * MIB, 0, MIB)).isEqualTo(78);
    }
}
