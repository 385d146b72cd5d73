package io.dmflow.api.device;

import java.util.List;

/** One page of a device listing. */
public record DevicePage(List<DeviceView> items, int page, int size, long totalItems, int totalPages) {}
