package com.example.notes;

public record Note(long id, String text) {}
