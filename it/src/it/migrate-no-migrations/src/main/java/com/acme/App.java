package com.acme;

/** An application without any migration yet. */
public final class App {}
