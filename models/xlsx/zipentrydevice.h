#pragma once
// One part of a workbook's zip, unpacked as it is read: the sheet goes through this into
// QXmlStreamReader a chunk at a time, so a sheet of a million rows is never in memory whole.
// It stops with an error where the part unpacks to more than its zip header claims, since
// that is how a zip bomb would slip past the size checks made when the workbook is opened.

#include <QIODevice>

struct zip_file;

namespace Rapport {

class ZipEntryDevice : public QIODevice
{
public:
    // Takes ownership of `file`, a part whose header says it unpacks to `size` bytes.
    ZipEntryDevice(zip_file *file, qint64 size);
    ~ZipEntryDevice() override;

    bool isSequential() const override { return true; }
    void close() override;
    // Uncompressed bytes handed out so far, and how many the header promises.
    qint64 delivered() const { return m_delivered; }
    qint64 claimedSize() const { return m_size; }
    // Why reading stopped early; empty when it did not.
    enum class Failure { None, Oversized, Damaged };
    Failure failure() const { return m_failure; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    zip_file *m_file;
    qint64 m_size;
    qint64 m_delivered = 0;
    Failure m_failure = Failure::None;
};

} // namespace Rapport
