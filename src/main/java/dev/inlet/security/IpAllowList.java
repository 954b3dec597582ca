package dev.inlet.security;

import dev.inlet.config.IpLiterals;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of IPv4 and IPv6 CIDR ranges that client addresses are checked against. Built once from
 * config; {@link #allows} runs per request, parses the literal without DNS and scans the
 * precomputed ranges. An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.5}) is checked as IPv4.
 */
public final class IpAllowList {
    private static final IpAllowList EMPTY = new IpAllowList(new Range[0]);

    private final Range[] ranges;

    private IpAllowList(Range[] ranges) {
        this.ranges = ranges;
    }

    /**
     * The ranges in {@code cidrs}; a bare address is a single host and host bits below the prefix
     * are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
     *
     * @throws IllegalArgumentException naming the first value that is not a range
     */
    public static IpAllowList of(List<String> cidrs) {
        if (cidrs == null || cidrs.isEmpty()) {
            return EMPTY;
        }
        List<Range> ranges = new ArrayList<>(cidrs.size());
        for (String cidr : cidrs) {
            ranges.add(Range.of(IpLiterals.requireRange(cidr)));
        }
        return new IpAllowList(ranges.toArray(new Range[0]));
    }

    /** Whether the list has no ranges; callers treat an empty list as "anyone". */
    public boolean isEmpty() {
        return ranges.length == 0;
    }

    /** Whether {@code address}, an IPv4 or IPv6 literal, lies in one of the ranges; anything unparsable is refused. */
    public boolean allows(String address) {
        IPAddress parsed = IpLiterals.address(address);
        return parsed != null && contains(parsed);
    }

    boolean contains(IPAddress address) {
        boolean v4 = address.isIPv4();
        long hi = 0;
        long lo = 0;
        int bits = v4 ? 8 : 16;
        int count = address.getSegmentCount();
        for (int i = 0; i < count; i++) {
            long segment = address.getSegment(i).getSegmentValue();
            if (v4 || i >= 4) {
                lo = (lo << bits) | segment;
            } else {
                hi = (hi << bits) | segment;
            }
        }
        for (Range range : ranges) {
            if (range.v4 == v4 && (hi & range.maskHi) == range.hi && (lo & range.maskLo) == range.lo) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "IpAllowList" + List.of(ranges);
    }

    /** The networks as configured, canonical, comma-separated; the first 5 and a count of the rest. */
    public String networks() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ranges.length && i < 5; i++) {
            out.append(i == 0 ? "" : ", ").append(ranges[i].text);
        }
        return ranges.length > 5
                ? out.append(" and ").append(ranges.length - 5).append(" more").toString()
                : out.toString();
    }

    /** A network as masked 64-bit halves (IPv4 uses the low half only). */
    private record Range(boolean v4, long hi, long lo, long maskHi, long maskLo, String text) {
        static Range of(IPAddress network) {
            boolean v4 = network.isIPv4();
            int total = v4 ? 32 : 128;
            Integer length = network.getNetworkPrefixLength();
            int prefix = length == null ? total : length;
            byte[] bytes = network.getLower().getBytes();
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < bytes.length; i++) {
                long b = bytes[i] & 0xffL;
                if (v4 || i >= 8) {
                    lo = (lo << 8) | b;
                } else {
                    hi = (hi << 8) | b;
                }
            }
            long maskHi;
            long maskLo;
            if (v4) {
                maskHi = 0;
                maskLo = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
            } else {
                maskHi = mask64(Math.min(prefix, 64));
                maskLo = mask64(Math.max(prefix - 64, 0));
            }
            return new Range(v4, hi & maskHi, lo & maskLo, maskHi, maskLo, network.toCanonicalString());
        }

        private static long mask64(int ones) {
            return ones == 0 ? 0 : -1L << (64 - ones);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
