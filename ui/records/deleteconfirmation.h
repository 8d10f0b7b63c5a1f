#pragma once
// Deleting records the way the main window's Delete action does it: ask first, and when an
// account still has contacts or deals (or a contact has deals) let the rep choose between
// deleting them too and keeping them unattached, then delete in one transaction. Counting
// what depends on the records and deleting them run on a worker thread with a connection
// of its own (DbWorker), behind a progress dialog, so that deleting a million records
// leaves the window responsive; finished() says how it ended.

#include "records/fielddef.h"
#include "storage/recordstore.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

class QProgressDialog;
class QWidget;

namespace Rapport {

class DbWorker;
class Prompter;

class DeleteConfirmation : public QObject
{
    Q_OBJECT

public:
    // `parent` is where the questions and the progress dialog show.
    DeleteConfirmation(const QString &connection, std::shared_ptr<Prompter> prompter = {},
                       QWidget *parent = nullptr);
    ~DeleteConfirmation() override;

    // Counts, asks, deletes and shows the store's error if any; finished() follows, unless
    // this returns false (no ids, or a delete is still running).
    bool start(Entity entity, const QList<qint64> &ids);
    bool isRunning() const;

Q_SIGNALS:
    // Whether anything was deleted (false: cancelled, or failed and nothing changed).
    void finished(bool deleted);

private:
    static QString questionText(Entity entity, int n);
    static QString progressText(Entity entity, int n);
    static QString dependentsText(Entity entity, int n, const Dependents &d);
    // The rep's choice for the records depending on the ones deleted; nullopt: cancelled.
    std::optional<DeleteRule> askRule(Entity entity, int n, const Dependents &d);
    void counted(const Dependents &d, const QString &error);
    void deleted(const QString &error);
    void showProgress(const QString &label, int maximum);
    void endProgress();
    void finish(bool deleted);

    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    QWidget *m_parent;
    DbWorker *m_worker;
    QPointer<QProgressDialog> m_progress;
    Entity m_entity = Entity::Lead;
    QList<qint64> m_ids;
    bool m_cancelled = false;
};

} // namespace Rapport
