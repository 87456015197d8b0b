package io.agentlaunchpad.sdk;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The pages of a listing, following {@code nextToken} until the API leaves it out; fetched as iterated. */
public final class Pages implements Iterable<ApiObject> {

    private final Function<String, ApiObject> fetch;
    private final String itemsKey;

    Pages(Function<String, ApiObject> fetch, String itemsKey) {
        this.fetch = fetch;
        this.itemsKey = itemsKey;
    }

    public ApiObject first() {
        return fetch.apply(null);
    }

    @Override
    public Iterator<ApiObject> iterator() {
        return new Iterator<>() {
            private ApiObject next = fetch.apply(null);

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ApiObject next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ApiObject page = next;
                String token = page.string("nextToken");
                next = token == null || token.isEmpty() ? null : fetch.apply(token);
                return page;
            }
        };
    }

    /** Every item of every page, fetched lazily. */
    public Stream<ApiObject> items() {
        return StreamSupport.stream(spliterator(), false).flatMap(page -> page.objects(itemsKey).stream());
    }
}
