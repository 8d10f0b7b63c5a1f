#include "xlsx/zipentrydevice.h"

#include <zip.h>

namespace Rapport {

ZipEntryDevice::ZipEntryDevice(zip_file *file, qint64 size)
    : m_file(file)
    , m_size(size)
{
    QIODevice::open(QIODevice::ReadOnly);
}

ZipEntryDevice::~ZipEntryDevice()
{
    ZipEntryDevice::close();
}

void ZipEntryDevice::close()
{
    if (m_file) {
        zip_fclose(m_file);
        m_file = nullptr;
    }
    QIODevice::close();
}

qint64 ZipEntryDevice::readData(char *data, qint64 maxSize)
{
    if (!m_file || m_failure != Failure::None)
        return -1;
    // One byte more than the header allows is enough to know it lies.
    const qint64 allowed = qMin(maxSize, m_size - m_delivered + 1);
    if (allowed <= 0)
        return -1;
    const zip_int64_t got = zip_fread(m_file, data, zip_uint64_t(allowed));
    if (got < 0) {
        m_failure = Failure::Damaged;
        return -1;
    }
    if (m_delivered + got > m_size) {
        m_failure = Failure::Oversized; // and the excess is not handed out
        return -1;
    }
    m_delivered += got;
    return got;
}

} // namespace Rapport
