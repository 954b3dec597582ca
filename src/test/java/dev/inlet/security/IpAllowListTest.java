package dev.inlet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAllowListTest {
    private final IpAllowList list = IpAllowList.of(List.of("203.0.113.0/24", "2001:db8::/32", "10.0.0.5", "::1"));

    @Test
    void matchesIpv4AndIpv6Ranges() {
        assertThat(list.allows("203.0.113.0")).isTrue();
        assertThat(list.allows("203.0.113.255")).isTrue();
        assertThat(list.allows("203.0.114.0")).isFalse();
        assertThat(list.allows("2001:db8::1")).isTrue();
        assertThat(list.allows("2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(list.allows("2001:db9::")).isFalse();
        assertThat(list.allows("::1")).isTrue();
        assertThat(list.allows("::2")).isFalse();
    }

    @Test
    void bareAddressIsASingleHost() {
        assertThat(list.allows("10.0.0.5")).isTrue();
        assertThat(list.allows("10.0.0.4")).isFalse();
        assertThat(list.allows("10.0.0.6")).isFalse();
    }

    @Test
    void ipv4MappedIpv6IsCheckedAsIpv4() {
        assertThat(list.allows("::ffff:10.0.0.5")).isTrue();
        assertThat(list.allows("::ffff:203.0.113.7")).isTrue();
        assertThat(list.allows("::ffff:cb00:7107")).isTrue();
        assertThat(list.allows("::ffff:10.0.0.6")).isFalse();
        assertThat(IpAllowList.of(List.of("::ffff:10.0.0.0/104")).allows("10.200.0.1"))
                .isTrue();
    }

    @Test
    void hostBitsBelowThePrefixAreIgnored() {
        IpAllowList loose = IpAllowList.of(List.of("10.1.2.3/8"));
        assertThat(loose.allows("10.255.0.1")).isTrue();
        assertThat(loose.allows("11.0.0.1")).isFalse();
    }

    @Test
    void zeroPrefixesMatchTheirWholeFamily() {
        IpAllowList all = IpAllowList.of(List.of("0.0.0.0/0", "::/0"));
        assertThat(all.allows("1.2.3.4")).isTrue();
        assertThat(all.allows("ffff::1")).isTrue();
        IpAllowList v4only = IpAllowList.of(List.of("0.0.0.0/0"));
        assertThat(v4only.allows("2001:db8::1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "example.com",
                "localhost",
                "10.0.0",
                "10.0.0.256",
                "010.0.0.1",
                "1.2.3.4/24",
                "10.0.0.*",
                "10.0.0.1-5",
                "0x0a.0.0.1",
                "2001:db8::/32",
                "::ffff:1.2.3",
                "1.2.3.4 ",
                "[::1]",
                "fe80::1%eth0/64"
            })
    void refusesWhatIsNotAnAddress(String address) {
        assertThat(list.allows(address)).isFalse();
    }

    @Test
    void nullAddressIsRefused() {
        assertThat(list.allows(null)).isFalse();
    }

    @Test
    void allowsZonedLinkLocalPeerByItsAddress() {
        assertThat(IpAllowList.of(List.of("fe80::/10")).allows("fe80::1%eth0")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0/33",
                "10.0.0.0/33",
                "2001:db8::/129",
                "example.com",
                "10.0.0.0/8/8",
                "*",
                "",
                "10.0.0.0/-1",
                "10.0.0.0/",
                "1.2.3.4-1.2.3.9",
                "10.0.0.0/255.0.0.0"
            })
    void badRangesNameTheValue(String cidr) {
        assertThatThrownBy(() -> IpAllowList.of(List.of("10.0.0.0/8", cidr)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + cidr + "\" is not a CIDR range (like 203.0.113.0/24 or 2001:db8::/32)");
    }

    @Test
    void emptyListIsEmpty() {
        assertThat(IpAllowList.of(List.of()).isEmpty()).isTrue();
        assertThat(IpAllowList.of(null).isEmpty()).isTrue();
        assertThat(list.isEmpty()).isFalse();
        assertThat(IpAllowList.of(List.of()).allows("1.2.3.4")).isFalse();
    }

    @Test
    void rangesAroundSpacesAreTrimmed() {
        assertThat(IpAllowList.of(List.of(" 192.0.2.0/24 ")).allows("192.0.2.9"))
                .isTrue();
    }
}
