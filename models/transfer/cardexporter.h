#pragma once
// Writes contacts as a vCard file (vCard 3.0, which Outlook, Google and Apple Contacts read):
// the contacts a tab shows (its RecordFilter) or chosen ids, each with its account's name as
// the card's company. Streams from one forward-only query, like the CSV export.

#include "transfer/exporter.h"

#include <QCoreApplication>

class QIODevice;

namespace Rapport {

class VCardWriter;

class CardExporter
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::CardExporter)

public:
    explicit CardExporter(const QString &connectionName);

    void setProgressCallback(std::function<void(qint64 cards)> callback);
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }

    // The number of cards written, or -1 (see errorString()). Uses `filter` or `ids`.
    qint64 write(const ExportOptions &options, QIODevice *out);
    QString errorString() const { return m_error; }

private:
    bool writeCards(const SqlWhere &where, VCardWriter &writer, qint64 *cards);

    QString m_connection;
    QString m_error;
    std::function<void(qint64)> m_progress;
    const std::atomic_bool *m_cancel = nullptr;
};

} // namespace Rapport
