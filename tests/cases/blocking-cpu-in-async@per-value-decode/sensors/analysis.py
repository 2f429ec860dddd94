"""Signal statistics computed per upload."""


def zero_crossings(data, width: int = 2) -> int:
    crossings, previous = 0, 0
    for offset in range(0, len(data) - width + 1, width):
        value = int.from_bytes(data[offset:offset + width], "little", signed=True)
        if (value < 0) != (previous < 0):
            crossings += 1
        previous = value
    return crossings


def histogram(data: bytes) -> list[int]:
    import array
    bins = [0] * 16
    for value in array.array("h", data):
        bins[(value + 32768) >> 12] += 1
    return bins
