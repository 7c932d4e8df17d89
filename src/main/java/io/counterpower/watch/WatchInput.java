package io.counterpower.watch;

import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A watch to create or the whole of a watch to replace: a name, one target ({@code project} slug or
 * {@code organisation} key: every project it stewards), the receiver's {@code url} and the
 * conditions; {@code active} defaults to true. {@code methodology} is the methodology version the watch
 * evaluates with: on creation it defaults to the default version, on a replacement to the watch's own
 * (a watch keeps its version until its owner moves it).
 */
record WatchInput(@Size(max = 200) String name, @Size(max = 80) String project, @Size(max = 80) String organisation,
                         @Size(max = 2000) String url, @Size(max = 20) List<WatchCondition> conditions, Boolean active,
                         Integer methodology) {
}
