#include "xlsx/xlsxarchive.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QtEndian>

#include <zip.h>

namespace Rapport {

namespace {

constexpr qint64 HeadSize = 64 * 1024;
const QByteArray CompoundSignature = QByteArrayLiteral("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");

// The reader's messages about the file as a whole (lupdate reads QT_TRANSLATE_NOOP).
const char *const NotAWorkbook = QT_TRANSLATE_NOOP(
    "Rapport::XlsxReader",
    "This file is not an Excel workbook (.xlsx).");
const char *const DamagedZip = QT_TRANSLATE_NOOP(
    "Rapport::XlsxReader",
    "The workbook is damaged or incomplete (perhaps it was not completely downloaded or copied). "
    "Open it in Excel or LibreOffice and save it again.");
const char *const PasswordProtected = QT_TRANSLATE_NOOP(
    "Rapport::XlsxReader",
    "The workbook is password-protected. Open it in Excel or LibreOffice, save it without a "
    "password and import it again.");
const char *const OldXls = QT_TRANSLATE_NOOP(
    "Rapport::XlsxReader",
    "This is an old Excel workbook (.xls). Open it in Excel or LibreOffice, save it as an Excel "
    "workbook (.xlsx) or as CSV and import that.");
const char *const CannotOpen = QT_TRANSLATE_NOOP(
    "Rapport::XlsxReader",
    "The file cannot be opened: %1");
const char *const TooLarge = QT_TRANSLATE_NOOP(
    "Rapport::XlsxReader",
    "The workbook would unpack to more than %1 MB, more than Rapport reads: it is damaged or built "
    "to harm.");
const char *const TooTight = QT_TRANSLATE_NOOP(
    "Rapport::XlsxReader",
    "The workbook's part “%1” is packed more tightly than any real workbook (over %2 to 1): it is "
    "damaged or built to harm.");
const char *const MissingPart = QT_TRANSLATE_NOOP(
    "Rapport::XlsxReader",
    "The workbook is incomplete: its part “%1” is missing.");
const char *const PartTooLarge = QT_TRANSLATE_NOOP(
    "Rapport::XlsxReader",
    "The workbook's part “%1” is larger than Rapport reads (%2 MB).");
const char *const Oversized = QT_TRANSLATE_NOOP(
    "Rapport::XlsxReader",
    "The workbook's part “%1” unpacks to more than its stated size: the file is damaged or built "
    "to harm.");
const char *const DamagedPart = QT_TRANSLATE_NOOP(
    "Rapport::XlsxReader",
    "The workbook's part “%1” is damaged and cannot be unpacked. Open the workbook in Excel or "
    "LibreOffice and save it again.");

QString msg(const char *text)
{
    return QCoreApplication::translate("Rapport::XlsxReader", text);
}

// The first bytes, and for a compound file (the container of encrypted workbooks and of old
// .xls files) also its first directory sector, which names its streams.
void readHead(QIODevice *device, QByteArray *head, QByteArray *directory)
{
    *head = device->read(HeadSize);
    if (!head->startsWith(CompoundSignature) || head->size() < 0x34)
        return;
    const uint shift = qFromLittleEndian<quint16>(head->constData() + 0x1E);
    const quint32 firstSector = qFromLittleEndian<quint32>(head->constData() + 0x30);
    if (shift < 7 || shift > 16 || firstSector >= 0xFFFFFFFA)
        return;
    const qint64 sectorSize = qint64(1) << shift;
    if (device->seek((qint64(firstSector) + 1) * sectorSize))
        *directory = device->read(sectorSize);
}

QByteArray utf16le(const char *latin1)
{
    QByteArray out;
    for (const char *c = latin1; *c; ++c)
        out.append(*c).append('\0');
    return out;
}

} // namespace

XlsxArchive::~XlsxArchive()
{
    close();
}

void XlsxArchive::close()
{
    if (m_zip) {
        zip_discard(m_zip);
        m_zip = nullptr;
    }
    m_data.clear();
}

void XlsxArchive::setLimits(qint64 maxTotalSize, qint64 maxRatio)
{
    m_maxTotalSize = maxTotalSize;
    m_maxRatio = maxRatio;
}

QString XlsxArchive::refuseCompoundFile(const QByteArray &head, const QByteArray &directory) const
{
    static const QByteArray encryptionInfo = utf16le("EncryptionInfo");
    if (head.contains(encryptionInfo) || directory.contains(encryptionInfo))
        return msg(PasswordProtected);
    return msg(OldXls);
}

QString XlsxArchive::open(const QString &path)
{
    close();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return msg(CannotOpen).arg(file.errorString());
    QByteArray head, directory;
    readHead(&file, &head, &directory);
    if (head.startsWith(CompoundSignature))
        return refuseCompoundFile(head, directory);
    file.close();
    int error = 0;
    zip *archive = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY,
                            &error);
    return adopt(archive, error, head);
}

QString XlsxArchive::openData(const QByteArray &bytes)
{
    close();
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QByteArray head, directory;
    readHead(&buffer, &head, &directory);
    if (head.startsWith(CompoundSignature))
        return refuseCompoundFile(head, directory);
    m_data = bytes;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(m_data.constData(),
                                                    zip_uint64_t(m_data.size()), 0, &error);
    zip *archive = nullptr;
    if (source) {
        archive = zip_open_from_source(source, ZIP_RDONLY, &error);
        if (!archive)
            zip_source_free(source);
    }
    const int code = zip_error_code_zip(&error);
    zip_error_fini(&error);
    return adopt(archive, code, head);
}

QString XlsxArchive::adopt(zip *archive, int error, const QByteArray &head)
{
    if (!archive) {
        m_data.clear();
        if (error == ZIP_ER_NOZIP && !head.startsWith("PK"))
            return msg(NotAWorkbook);
        return msg(DamagedZip);
    }
    m_zip = archive;
    const QString refusal = checkSizes();
    if (!refusal.isEmpty())
        close();
    return refusal;
}

QString XlsxArchive::checkSizes() const
{
    const zip_int64_t count = zip_get_num_entries(m_zip, 0);
    qint64 total = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(m_zip, zip_uint64_t(i), 0, &st) != 0
            || !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
            continue;
        const qint64 size = qint64(qMin<zip_uint64_t>(st.size, zip_uint64_t(1) << 62));
        total += size;
        if (total > m_maxTotalSize)
            return msg(TooLarge)
                .arg(m_maxTotalSize / (1024 * 1024));
        if (size > RatioCheckFrom && size / qMax<qint64>(1, qint64(st.comp_size)) > m_maxRatio)
            return msg(TooTight)
                .arg((st.valid & ZIP_STAT_NAME) ? QString::fromUtf8(st.name) : QString())
                .arg(m_maxRatio);
    }
    return {};
}

qint64 XlsxArchive::index(const QString &part) const
{
    if (!m_zip || part.isEmpty())
        return -1;
    const QByteArray name = part.toUtf8();
    zip_int64_t i = zip_name_locate(m_zip, name.constData(), 0);
    if (i < 0) // some writers differ from their own relationships in case
        i = zip_name_locate(m_zip, name.constData(), ZIP_FL_NOCASE);
    return i;
}

qint64 XlsxArchive::partSize(const QString &part) const
{
    const qint64 i = index(part);
    zip_stat_t st;
    zip_stat_init(&st);
    if (i < 0 || zip_stat_index(m_zip, zip_uint64_t(i), 0, &st) != 0
        || !(st.valid & ZIP_STAT_SIZE))
        return -1;
    return qint64(qMin<zip_uint64_t>(st.size, zip_uint64_t(1) << 62));
}

std::unique_ptr<ZipEntryDevice> XlsxArchive::openPart(const QString &part, QString *error) const
{
    const qint64 i = index(part);
    if (i < 0) {
        *error = msg(MissingPart).arg(part);
        return {};
    }
    zip_file *file = zip_fopen_index(m_zip, zip_uint64_t(i), 0);
    if (!file) {
        const int code = zip_error_code_zip(zip_get_error(m_zip));
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
            *error = msg(PasswordProtected);
        else
            *error = failureMessage(part, ZipEntryDevice::Failure::Damaged);
        return {};
    }
    return std::make_unique<ZipEntryDevice>(file, partSize(part));
}

std::optional<QByteArray> XlsxArchive::readPart(const QString &part, QString *error) const
{
    auto device = openPart(part, error);
    if (!device)
        return std::nullopt;
    if (device->claimedSize() > MaxWholePartSize) {
        *error = msg(PartTooLarge)
                     .arg(part).arg(MaxWholePartSize / (1024 * 1024));
        return std::nullopt;
    }
    QByteArray bytes = device->readAll();
    if (device->failure() != ZipEntryDevice::Failure::None) {
        *error = failureMessage(part, device->failure());
        return std::nullopt;
    }
    return bytes;
}

QString XlsxArchive::failureMessage(const QString &part, ZipEntryDevice::Failure failure)
{
    if (failure == ZipEntryDevice::Failure::Oversized)
        return msg(Oversized).arg(part);
    return msg(DamagedPart).arg(part);
}

} // namespace Rapport
