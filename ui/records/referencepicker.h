#pragma once
// The picker of a Reference field (a contact's or deal's account): an editable combo box that
// completes what the rep types, ignoring case, anywhere in the name. Small tables are listed
// whole; big ones (a million imported contacts) are searched as the rep types, so opening a
// record never waits for a full list.

#include "records/fielddef.h"

#include <QComboBox>

class QStringListModel;
class QTimer;

namespace Rapport {

class ReferencePicker : public QComboBox
{
    Q_OBJECT

public:
    enum class Match { Blank, Found, Unknown, Ambiguous };
    static constexpr int DefaultListLimit = 5000;
    static constexpr int SearchLimit = 50;

    ReferencePicker(Entity entity, const QString &connection, QWidget *parent = nullptr);

    Entity referencedEntity() const { return m_entity; }
    // Above this many records the picker searches instead of listing them all.
    void setListLimit(int limit);
    bool isSearching() const { return m_searching; }
    // Refills the list from the database, keeping the text.
    void reload();
    // Shows the record with this id; a null id leaves the picker blank.
    void setRecordId(const QVariant &id);
    // What the typed text names: *id is set when it is exactly one record.
    Match match(qint64 *id = nullptr) const;

private:
    void fill(const QList<QPair<qint64, QString>> &names);
    void search();

    Entity m_entity;
    QString m_connection;
    int m_listLimit = DefaultListLimit;
    bool m_searching = false;
    QTimer *m_searchTimer = nullptr;
    QStringListModel *m_found = nullptr;
};

} // namespace Rapport
