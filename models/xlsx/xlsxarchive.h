#pragma once
// The zip container of a workbook, through libzip. Opens it from a file or from bytes and
// refuses, with a sentence the user can act on, what is not a workbook: a compound file (a
// password-protected workbook, or an old .xls), a damaged zip, and one that would unpack into
// far more than any real workbook (a zip bomb). Small parts come out whole, the sheet as a
// device read in chunks.

#include "xlsx/zipentrydevice.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

struct zip;

namespace Rapport {

class XlsxArchive
{
public:
    static constexpr qint64 DefaultMaxTotalSize = qint64(4) << 30;   // unpacked, all parts
    static constexpr qint64 DefaultMaxRatio = 1000;                  // unpacked : packed
    static constexpr qint64 RatioCheckFrom = 1024 * 1024;             // parts above this size
    static constexpr qint64 MaxWholePartSize = 64 * 1024 * 1024;     // read into memory

    XlsxArchive() = default;
    ~XlsxArchive();
    XlsxArchive(const XlsxArchive &) = delete;
    XlsxArchive &operator=(const XlsxArchive &) = delete;

    // "" or why it cannot be read.
    QString open(const QString &path);
    QString openData(const QByteArray &bytes);
    void close();

    bool contains(const QString &part) const { return index(part) >= 0; }
    // The unpacked size the part's header claims; -1 when it is not there.
    qint64 partSize(const QString &part) const;
    // A small part whole; nullopt and `error` set when it is missing, too big or damaged.
    std::optional<QByteArray> readPart(const QString &part, QString *error) const;
    // A part to read in chunks; null and `error` set when it cannot be opened.
    std::unique_ptr<ZipEntryDevice> openPart(const QString &part, QString *error) const;
    // The message for a part whose device stopped early.
    static QString failureMessage(const QString &part, ZipEntryDevice::Failure failure);

    // Lower limits let the tests show the zip bomb checks without gigabytes.
    void setLimits(qint64 maxTotalSize, qint64 maxRatio);

private:
    QString refuseCompoundFile(const QByteArray &head, const QByteArray &directory) const;
    QString adopt(zip *archive, int error, const QByteArray &head);
    QString checkSizes() const;
    qint64 index(const QString &part) const;

    zip *m_zip = nullptr;
    QByteArray m_data;   // what openData() opened: libzip reads it in place
    qint64 m_maxTotalSize = DefaultMaxTotalSize;
    qint64 m_maxRatio = DefaultMaxRatio;
};

} // namespace Rapport
