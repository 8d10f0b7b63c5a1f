#pragma once
// The File › Open Recent list: the last databases opened, newest first, kept in QSettings
// and shown as a menu whose entries open that database.

#include <QObject>
#include <QStringList>

class QMenu;

namespace Rapport {

class RecentDatabases : public QObject
{
    Q_OBJECT

public:
    explicit RecentDatabases(QMenu *menu, QObject *parent = nullptr);

    QStringList locations() const;
    void add(const QString &location);
    void remove(const QString &location);

Q_SIGNALS:
    void openRequested(const QString &location);

private:
    void save(const QStringList &list);
    void rebuildMenu();

    QMenu *m_menu;
};

} // namespace Rapport
