package dev.inlet.config;

/** The body syntax an endpoint accepts; AUTO picks JSON or XML by Content-Type. */
public enum PayloadFormat { JSON, XML, AUTO }
