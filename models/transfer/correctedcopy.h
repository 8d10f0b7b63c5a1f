#pragma once
// A copy of an import file with the user's changes from the import wizard: rows fixed in
// the staging table replaced, dropped rows left out, and the columns sent to Description
// folded into one Description column ("Header: value" lines). The importer reads a file
// and cannot re-check single rows, and it maps each field from one column only, so the
// wizard checks and imports this copy instead. It is UTF-8 with commas, streamed row by
// row, and carries the original file name so the import history names the user's file.

#include "csv/csvdialect.h"
#include "transfer/importoptions.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QStringList>
#include <atomic>
#include <optional>

namespace Rapport {

struct RowEdits {
    QHash<qint64, QStringList> replaced; // line in the source -> the row's new cells
    QSet<qint64> dropped;                // lines in the source
    bool isEmpty() const { return replaced.isEmpty() && dropped.isEmpty(); }
};

class CorrectedCopy
{
    Q_DECLARE_TR_FUNCTIONS(CorrectedCopy)

public:
    // What a mapping entry says for a column to append to Description.
    static QString toDescription() { return QStringLiteral("+description"); }
    static bool needsCopy(const QStringList &mapping) { return mapping.contains(toDescription()); }

    // Reads `source` (its file, encoding, delimiter and mapping) and writes the copy to
    // `target`. Returns the options that import the copy, or nullopt and `error`.
    static std::optional<ImportOptions> write(const ImportOptions &source, const RowEdits &edits,
                                              const QString &target, QString *error,
                                              const std::atomic_bool *cancel = nullptr);
};

} // namespace Rapport
