package dev.inlet.support;

/** The bodies that used to run Inlet's workers out of memory while flattening, at a chosen size. */
public final class HostileBodies {
  private HostileBodies() {}

  /** Eight nested keys of {@code keyLength} characters around {@code [0,0,…]}, {@code bytes} long at most. */
  public static String nestedKeys(int keyLength, int bytes) {
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      open.append("{\"").append(String.valueOf((char) ('a' + i)).repeat(keyLength)).append("\":");
      close.append('}');
    }
    open.append('[');
    close.insert(0, ']');
    return open + zeros(bytes - open.length() - close.length()) + close;
  }

  /** {@code [0,0,…,0]} in at most {@code bytes}. */
  public static String zerosArray(int bytes) {
    return "[" + zeros(bytes - 2) + "]";
  }

  /** Four nested 4,000-character element names around as many {@code <x/>} as fit in {@code bytes}. */
  public static String xmlUnderLongNames(int bytes) {
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      String name = String.valueOf((char) ('a' + i)).repeat(4000);
      open.append('<').append(name).append('>');
      close.insert(0, "</" + name + ">");
    }
    int leaves = (bytes - open.length() - close.length()) / 4;
    return open + "<x/>".repeat(leaves) + close;
  }

  /** {@code 0,0,…,0} in at most {@code bytes} (at least one zero). */
  private static String zeros(int bytes) {
    return "0,".repeat(Math.max(1, (bytes + 1) / 2) - 1) + "0";
  }
}
