#include "window/recentdatabases.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace Rapport {

namespace {
const char *const Key = "recentDatabases";
constexpr int MaxEntries = 8;
} // namespace

RecentDatabases::RecentDatabases(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
{
    rebuildMenu();
}

QStringList RecentDatabases::locations() const
{
    return QSettings().value(Key).toStringList();
}

void RecentDatabases::add(const QString &location)
{
    QStringList list = locations();
    list.removeAll(location);
    list.prepend(location);
    save(list.mid(0, MaxEntries));
}

void RecentDatabases::remove(const QString &location)
{
    QStringList list = locations();
    list.removeAll(location);
    save(list);
}

void RecentDatabases::save(const QStringList &list)
{
    QSettings().setValue(Key, list);
    rebuildMenu();
}

void RecentDatabases::rebuildMenu()
{
    m_menu->clear();
    const QStringList list = locations();
    for (int i = 0; i < list.size(); ++i) {
        const QString &location = list[i];
        // &1 … &8 make the entries reachable from the keyboard.
        QAction *a = m_menu->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(location).fileName()));
        a->setToolTip(location);
        a->setStatusTip(location);
        connect(a, &QAction::triggered, this, [this, location] { Q_EMIT openRequested(location); });
    }
    if (list.isEmpty()) {
        m_menu->addAction(tr("No recent databases"))->setEnabled(false);
        return;
    }
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("&Clear List")), &QAction::triggered, this,
            [this] { save({}); });
}

} // namespace Rapport
