package dev.inlet.config;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * Strict parsing of IP address literals and CIDR ranges: dotted-quad IPv4 and RFC 4291 IPv6 only,
 * never a host name (no DNS), no wildcards, ranges, masks or inet_aton shorthands such as
 * {@code 10.1} or {@code 0x0a.0.0.1}. The one grammar of both: the loader validates
 * {@code allowIps} and {@code trustedProxies} with it, and the allow lists that match client
 * addresses at runtime parse ranges and addresses with it.
 */
public final class IpLiterals {
    private static final IPAddressStringParameters ADDRESS = parameters(false);
    private static final IPAddressStringParameters CIDR = parameters(true);

    private IpLiterals() {}

    /** The address in {@code text}, IPv4-mapped IPv6 turned into IPv4; null when it is not a literal. */
    public static IPAddress address(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        IPAddress address = new IPAddressString(text, ADDRESS).getAddress();
        return address == null ? null : unmapped(address);
    }

    /**
     * The network of a CIDR range or single address, host bits cleared.
     *
     * @throws IllegalArgumentException naming {@code text} when it is neither
     */
    public static IPAddress requireRange(String text) {
        IPAddress network = range(text);
        if (network == null) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not a CIDR range (like 203.0.113.0/24 or 2001:db8::/32)");
        }
        return network;
    }

    /** The network of a CIDR range or single address, host bits cleared; null when {@code text} is neither. */
    public static IPAddress range(String text) {
        if (text == null || text.isBlank() || text.length() > 64) {
            return null;
        }
        IPAddress address = new IPAddressString(text.strip(), CIDR).getAddress();
        if (address == null) {
            return null;
        }
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            Integer prefix = address.getNetworkPrefixLength();
            if (prefix == null || prefix >= 96) {
                IPAddress v4 = address.toIPv6().getEmbeddedIPv4Address().withoutPrefixLength();
                return prefix == null ? v4 : v4.setPrefixLength(prefix - 96, false);
            }
        }
        return address.getNetworkPrefixLength() == null ? address : address.toPrefixBlock();
    }

    private static IPAddress unmapped(IPAddress address) {
        if (address.isIPv6()) {
            IPv6Address v6 = address.toIPv6();
            if (v6.isIPv4Mapped()) {
                return v6.getEmbeddedIPv4Address();
            }
        }
        return address;
    }

    private static IPAddressStringParameters parameters(boolean prefix) {
        IPAddressStringParameters.Builder builder = new IPAddressStringParameters.Builder()
                .allowEmpty(false)
                .allowAll(false)
                .allowSingleSegment(false)
                .allowPrefixOnly(false)
                .allowMask(false)
                .allowPrefix(prefix)
                .allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE)
                .allow_inet_aton(false);
        builder.getIPv4AddressParametersBuilder()
                .allowLeadingZeros(false)
                .allowPrefixesBeyondAddressSize(false)
                .allowBinary(false);
        builder.getIPv6AddressParametersBuilder()
                .allowBase85(false)
                .allowBinary(false)
                .allowPrefixesBeyondAddressSize(false)
                .allowZone(!prefix)
                .getEmbeddedIPv4AddressParametersBuilder()
                .allowLeadingZeros(false);
        return builder.toParams();
    }
}
