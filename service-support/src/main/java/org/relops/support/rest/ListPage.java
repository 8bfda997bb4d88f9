package org.relops.support.rest;

import java.util.List;
import java.util.function.Function;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

/**
 * One page of a list, the envelope every list operation of every service answers with: the page's {@code items},
 * the {@code total} the whole list holds, and which {@code page} of which {@code size} this is. A client reads the
 * next page while {@code (page + 1) * size < total}.
 */
public record ListPage<T>(List<T> items, long total, int page, int size) {

    /** The asked-for page of a list held in memory (already in its API order). */
    public static <T> ListPage<T> of(List<T> all, PageParams params) {
        int size = params.size();
        long from = Math.min(params.offset(), all.size());
        long to = Math.min(from + size, all.size());
        return new ListPage<>(List.copyOf(all.subList((int) from, (int) to)), all.size(), params.page(), size);
    }

    /** The asked-for page of a query (which must have a stable order), each row shown by {@code view}. */
    public static <E, T> ListPage<T> of(PanacheQuery<E> query, PageParams params, Function<? super E, T> view) {
        long total = query.count();
        List<T> items = query.page(Page.of(params.page(), params.size())).list().stream()
                .<T>map(view).toList();
        return new ListPage<>(items, total, params.page(), params.size());
    }

    /** The same page with each item shown differently. */
    public <R> ListPage<R> map(Function<? super T, R> view) {
        return new ListPage<>(items.stream().<R>map(view).toList(), total, page, size);
    }
}
