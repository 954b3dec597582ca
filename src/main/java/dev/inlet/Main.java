package dev.inlet;
public final class Main { public static void main(String[] a) {} }
