package dev.tidemark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Text that names settings and actions symbolically, so that each caller can word them: one part
 * of a {@link TidemarkException} (what happened, the state of the database, the remedy). Render it
 * with {@link #render(CallerTerms)}; {@link #toString()} uses the API's terms.
 */
public final class Phrase implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One piece of a phrase: plain text, a setting or an action. */
    public sealed interface Part extends Serializable {}

    /** Text shown as it is. */
    public record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A setting a user can change; {@code value} (or null) is what to set it to. */
    public record SettingReference(Setting setting, String value) implements Part {
        public SettingReference {
            Objects.requireNonNull(setting, "setting");
        }
    }

    /** An action a user can run; {@code option} and {@code value} as {@link CallerTerms#action} takes them. */
    public record ActionReference(Action action, Setting option, String value) implements Part {
        public ActionReference {
            Objects.requireNonNull(action, "action");
        }
    }

    private static final Phrase EMPTY = new Phrase(List.of());

    private final List<Part> parts;

    private Phrase(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** A phrase of plain text only. */
    public static Phrase of(String text) {
        return text == null || text.isEmpty() ? EMPTY : new Phrase(List.of(new Text(text)));
    }

    /** Text and references in order: a {@link Setting} or an {@link Action} is named, anything else is text. */
    public static Phrase words(Object... parts) {
        Builder words = builder();
        for (Object part : parts) {
            if (part instanceof Setting setting) {
                words.setting(setting);
            } else if (part instanceof Action action) {
                words.action(action);
            } else {
                words.append(part);
            }
        }
        return words.build();
    }

    /** The phrase without any part. */
    public static Phrase empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The parts in order. */
    public List<Part> parts() {
        return parts;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Whether this phrase names {@code setting}. */
    public boolean names(Setting setting) {
        return parts.stream()
                .anyMatch(part -> part instanceof SettingReference s && s.setting() == setting
                        || part instanceof ActionReference a && a.option() == setting);
    }

    /** Whether this phrase names {@code action}. */
    public boolean names(Action action) {
        return parts.stream().anyMatch(part -> part instanceof ActionReference a && a.action() == action);
    }

    /** The text with every setting and action in {@code terms}. */
    public String render(CallerTerms terms) {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Text t) {
                text.append(t.text());
            } else if (part instanceof SettingReference s) {
                text.append(terms.setting(s.setting(), s.value()));
            } else if (part instanceof ActionReference a) {
                text.append(terms.action(a.action(), a.option(), a.value()));
            }
        }
        return text.toString();
    }

    /** The text in the API's terms. */
    @Override
    public String toString() {
        return render(CallerTerms.API);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Phrase phrase && phrase.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /** Builds a phrase part by part, the way a {@link StringBuilder} builds text. */
    public static final class Builder {

        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        private Builder() {}

        /** Appends plain text ({@code String.valueOf(value)}). */
        public Builder append(Object value) {
            text.append(value);
            return this;
        }

        public Builder append(char value) {
            text.append(value);
            return this;
        }

        /** Appends another phrase, keeping its references. */
        public Builder append(Phrase phrase) {
            for (Part part : phrase.parts) {
                if (part instanceof Text t) {
                    text.append(t.text());
                } else {
                    add(part);
                }
            }
            return this;
        }

        /** Names a setting. */
        public Builder setting(Setting setting) {
            return add(new SettingReference(setting, null));
        }

        /** Names a setting and the value to give it. */
        public Builder setting(Setting setting, Object value) {
            return add(new SettingReference(setting, value == null ? null : String.valueOf(value)));
        }

        /** Names an action. */
        public Builder action(Action action) {
            return add(new ActionReference(action, null, null));
        }

        /** Names an action with its own argument (baseline's version). */
        public Builder action(Action action, Object argument) {
            return add(new ActionReference(action, null, argument == null ? null : String.valueOf(argument)));
        }

        /** Names an action together with the option it needs for this remedy. */
        public Builder action(Action action, Setting option, Object value) {
            return add(new ActionReference(action, option, value == null ? null : String.valueOf(value)));
        }

        /** Whether nothing was appended yet. */
        public boolean isEmpty() {
            return parts.isEmpty() && text.length() == 0;
        }

        public Phrase build() {
            List<Part> all = new ArrayList<>(parts);
            if (text.length() > 0) {
                all.add(new Text(text.toString()));
            }
            return all.isEmpty() ? EMPTY : new Phrase(all);
        }

        private Builder add(Part part) {
            if (text.length() > 0) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
            parts.add(part);
            return this;
        }
    }
}
