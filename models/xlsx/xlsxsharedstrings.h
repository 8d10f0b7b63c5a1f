#pragma once
// The workbook's shared strings (xl/sharedStrings.xml): the text that cells with t="s" name by
// index. They must be held while the sheet is read, so they are read streaming into one
// buffer and refused past a limit, which no real workbook reaches but a crafted one could.

#include <QList>
#include <QString>

class QIODevice;

namespace Rapport {

class XlsxSharedStrings
{
public:
    static constexpr qsizetype DefaultMaxChars = 64 * 1024 * 1024;
    static constexpr qsizetype MaxCount = 8 * 1024 * 1024;

    // Reads them from `device`; "" or why not (damaged XML, over the limits).
    QString read(QIODevice *device, const QString &partName);
    void clear();
    qsizetype count() const { return m_offsets.size(); }
    // The text of string `index`; nullopt-like false when the index is out of range.
    bool at(qsizetype index, QString *text) const;

    void setMaxChars(qsizetype chars) { m_maxChars = chars; }

private:
    QString m_text;
    QList<qsizetype> m_offsets; // where each string starts in m_text
    qsizetype m_maxChars = DefaultMaxChars;
};

} // namespace Rapport
