package dev.labelport.model;

/** What an item is. */
public enum MediaKind {
    IMAGE,
    TEXT
}
