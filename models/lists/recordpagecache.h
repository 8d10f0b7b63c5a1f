#pragma once
// The rows of a record tab that are held in memory: a bounded number of pages of
// RecordTableModel::PageSize rows, the least recently used dropped first, and how the
// columns of a page query (id, every field, one name per reference field) become rows.

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace Rapport {

class RecordPageCache
{
public:
    struct Row {
        qint64 id = 0;
        QVariantList values;     // one per field, as stored
        QStringList names;       // one per reference field: the referenced record's name
    };
    using Page = QList<Row>;

    RecordPageCache(int fields, int references, int pageSize, int maxPages);

    bool contains(int page) const { return m_pages.contains(page); }
    // The rows of a page held, or null.
    const Page *page(int page) const
    {
        const auto it = m_pages.constFind(page);
        return it == m_pages.cend() ? nullptr : &*it;
    }
    // The row, or null when its page is not held (or came back short: records were deleted
    // since the count). Marks the page as used.
    const Row *find(int row) const;
    void insert(int page, const Page &rows) const;
    void clear();
    int loadedRowCount() const;
    // The row showing record `id` among the pages held, or -1.
    int rowOfId(qint64 id) const;

    // One row from the columns of a page query.
    Row rowFrom(const QVariantList &columns) const;
    // The rows a query gave for `page`, in the query's order, or, given the ids the page
    // shows, in theirs (a record deleted since the ids were read: an empty row).
    Page pageFrom(const QList<QVariantList> &rows, const QList<qint64> *ids = nullptr) const;

private:
    int m_fields;
    int m_references;
    int m_pageSize;
    int m_maxPages;
    mutable QHash<int, Page> m_pages;
    mutable QList<int> m_recent; // page numbers, most recently used last
};

} // namespace Rapport
