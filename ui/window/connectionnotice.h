#pragma once
// What the window says about its database connection: lost ("Connection to SERVER lost —
// reconnecting…"), or an SQLite file gone, and then reconnected, in the notice bar above the
// tabs, never in a dialog that would stop the rep's work. The watching and reconnecting itself
// is ConnectionWatch's (models); this turns its signals into sentences.

#include <QObject>

namespace Rapport {

class ConnectionWatch;
class NoticeBar;

class ConnectionNotice : public QObject
{
    Q_OBJECT

public:
    ConnectionNotice(const QString &connection, NoticeBar *bar, QObject *parent = nullptr);

    ConnectionWatch *watch() const { return m_watch; }

Q_SIGNALS:
    // The connection is back: what the window shows should be read again.
    void reconnected();

private:
    ConnectionWatch *m_watch;
    NoticeBar *m_bar;
};

} // namespace Rapport
