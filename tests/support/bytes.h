#pragma once
// Bytes from a string literal that may hold NUL bytes, its length taken from the literal
// itself: a hand-counted QByteArray(literal, n) reads past the end when the count is wrong
// (and "\x00b" is one character, not two).
#include <QByteArray>
#include <cstddef>

template <std::size_t N>
QByteArray rawBytes(const char (&literal)[N])
{
    return QByteArray(literal, qsizetype(N - 1));
}
