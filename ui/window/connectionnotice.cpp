#include "window/connectionnotice.h"

#include "storage/connectionwatch.h"
#include "storage/serverlocation.h"
#include "window/noticebar.h"

#include <QUrl>

namespace Rapport {

ConnectionNotice::ConnectionNotice(const QString &connection, NoticeBar *bar, QObject *parent)
    : QObject(parent)
    , m_watch(new ConnectionWatch(connection, this))
    , m_bar(bar)
{
    connect(m_watch, &ConnectionWatch::connectionLost, this, [this](const QString &location) {
        if (const auto server = ServerLocation::fromUrl(QUrl(location))) {
            m_bar->say(tr("Connection to %1 lost — reconnecting… Open forms keep your edits; "
                          "nothing is saved until the connection is back.")
                           .arg(server->host.toHtmlEscaped()));
        } else {
            m_bar->say(tr("The database file %1 is gone (deleted or moved away): nothing can be "
                          "saved until it is back. Open forms keep your edits.")
                           .arg(location.toHtmlEscaped()));
        }
    });
    connect(m_watch, &ConnectionWatch::reconnected, this, [this](const QString &location) {
        const auto server = ServerLocation::fromUrl(QUrl(location));
        m_bar->say(tr("Reconnected to %1.")
                       .arg((server ? server->host : location).toHtmlEscaped()));
        emit reconnected();
    });
}

} // namespace Rapport
