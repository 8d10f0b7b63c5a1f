#pragma once
// Reads the contacts of a vCard file (.vcf) one card at a time, as rows under headers(), so
// that the import treats an address book exported from Outlook (vCard 2.1), Google or Apple
// Contacts (3.0) or any 4.0 writer as it treats a CSV file. Streaming: a line at a time,
// photos and other properties Rapport has no field for are passed over without being kept.
//
// A card the rest of the file survives is returned with a recordProblem(): one of an
// unknown VERSION, one with no name at all, one whose text is not valid UTF-8 (4.0), and the
// last card when the file ends before its END:VCARD (the cards before it still import).
// hasError() stops the file: it is not a vCard file at all (anything but BEGIN:VCARD where a
// card should start, control bytes, no card), or a line or card is too large to be one.

#include "files/rowreader.h"

#include <QCoreApplication>
#include <QList>

class QIODevice;

namespace Rapport {

class VCardProperty;

class VCardReader : public RowReader
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::VCardReader)

public:
    // Bytes of one property Rapport keeps. A card keeps at most 8 times that, and may be 64
    // times that long with its photos.
    static constexpr qsizetype DefaultMaxLineSize = 1024 * 1024;
    // Properties Rapport keeps of one card (real cards have a few dozen).
    static constexpr qsizetype MaxProperties = 1000;

    // The device must be open for reading and stay alive while the reader is used.
    explicit VCardReader(QIODevice *device);

    // The columns every row has, named with the English labels of Rapport's contact fields.
    static QStringList headers();

    bool readRecord(QStringList &fields) override;
    // The line of the card's BEGIN:VCARD.
    qint64 recordLine() const override { return m_recordLine; }
    bool hasError() const override { return !m_error.isEmpty(); }
    QString errorString() const override { return m_error; }
    QString recordProblem() const override { return m_problem; }
    qint64 bytesRead() const override { return m_bytesRead; }
    qint64 bytesTotal() const override;

    // Smaller limits reach the errors with small inputs (tests, the fuzzer).
    void setMaxLineSize(qsizetype bytes) { m_maxLine = bytes; }

    // The UID of the card last returned; Rapport's own cards carry urn:rapport:contact:<id>.
    QString uid() const { return m_uid; }
    // The contact id of a card Rapport wrote (its UID), or -1.
    qint64 rapportId() const;

private:
    bool fill();
    int peekByte();
    bool readLine(QByteArray &line, qsizetype limit, bool *cut);
    bool readContinuations(QByteArray &line, bool keep, bool quotedPrintable);
    bool findBegin();
    bool readCard(QList<VCardProperty> &properties, QString &version, bool *ended);
    bool fail(const QString &message);
    bool failLongValue(qint64 line);

    QIODevice *m_device;
    QByteArray m_buf;
    qsizetype m_pos = 0;
    qsizetype m_maxLine = DefaultMaxLineSize;
    char m_lastByte = 0;      // of the physical line last read, even when it was cut
    qint64 m_line = 0;
    qint64 m_recordLine = 0;
    qint64 m_bytesRead = 0;
    qint64 m_cardBytes = 0;
    qint64 m_cards = 0;
    bool m_eof = false;
    QString m_error;
    QString m_problem;
    QString m_uid;
};

} // namespace Rapport
