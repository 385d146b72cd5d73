package io.dmflow.api.paging;

import java.util.List;

/** One page of a listing: {@code page} counts from 0. */
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        return new Page<>(items, request.page(), request.size(), totalItems, (int)
                ((totalItems + request.size() - 1) / request.size()));
    }
}
