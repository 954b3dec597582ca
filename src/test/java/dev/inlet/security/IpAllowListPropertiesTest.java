package dev.inlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link IpAllowList} agrees with arithmetic on the addresses as integers. */
class IpAllowListPropertiesTest {
    record Case(int bits, byte[] network, int prefix, byte[] address) {}

    @Property(tries = 2000)
    void agreesWithBigIntegerReference(@ForAll("cases") Case c) {
        IpAllowList list = IpAllowList.of(List.of(format(c.network()) + "/" + c.prefix()));
        assertThat(list.allows(format(c.address()))).isEqualTo(reference(c));
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(4, 16).flatMap(size -> {
            int bits = size * 8;
            Arbitrary<byte[]> bytes =
                    Arbitraries.bytes().array(byte[].class).ofSize(size).filter(b -> size == 4 || !isIpv4Mapped(b));
            Arbitrary<Integer> prefix = Arbitraries.integers().between(0, bits);
            // half of the addresses share the network's leading bits, so matches are frequent
            Arbitrary<Boolean> near = Arbitraries.of(true, false);
            return Combinators.combine(
                            bytes, prefix, bytes, near, Arbitraries.integers().between(0, bits))
                    .as((network, p, other, close, shared) ->
                            new Case(bits, network, p, close ? mix(network, other, shared) : other));
        });
    }

    private static boolean reference(Case c) {
        int shift = c.bits() - c.prefix();
        BigInteger network = new BigInteger(1, c.network()).shiftRight(shift);
        BigInteger address = new BigInteger(1, c.address()).shiftRight(shift);
        return network.equals(address);
    }

    private static byte[] mix(byte[] network, byte[] other, int sharedBits) {
        byte[] out = other.clone();
        for (int bit = 0; bit < sharedBits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            out[bit / 8] = (byte) ((out[bit / 8] & ~mask) | (network[bit / 8] & mask));
        }
        return isIpv4Mapped(out) && out.length == 16 ? other : out;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        if (b.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static String format(byte[] b) {
        StringBuilder out = new StringBuilder();
        if (b.length == 4) {
            for (int i = 0; i < 4; i++) {
                out.append(i == 0 ? "" : ".").append(b[i] & 0xff);
            }
        } else {
            for (int i = 0; i < 16; i += 2) {
                out.append(i == 0 ? "" : ":").append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)));
            }
        }
        return out.toString();
    }
}
