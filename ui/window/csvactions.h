#pragma once
// The File menu's CSV actions (Import › Leads / Contacts / Accounts / Deals…, Import
// History…, Export…), kept out of MainWindow so that the window only adds them. They open
// the import wizard, the history and the export dialog on the window's database and
// current tab, and make the tabs read their records again after an import or an undo. A
// CSV, workbook or vCard file dropped on the window starts its import too.

#include "records/fielddef.h"

#include <QObject>
#include <memory>

class QAction;
class QMenu;
class QUrl;

namespace Rapport {

class MainWindow;
class Prompter;

class CsvActions : public QObject
{
    Q_OBJECT

public:
    // Adds the actions to `fileMenu`, at its end.
    CsvActions(QMenu *fileMenu, MainWindow *window);
    // Who the wizard and dialogs ask (tests answer instead of a message box).
    void setPrompter(std::shared_ptr<Prompter> prompter) { m_prompter = std::move(prompter); }
    // File › Import › the record type: the import wizard for it (on `path`, if given).
    void openImport(Entity entity, const QString &path = QString());
    // The files Rapport imports, of those dropped: local .csv, .txt, .tsv, .xlsx, .vcf.
    static QStringList importableFiles(const QList<QUrl> &urls);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateActions();
    void openHistory();
    void openExport();

    MainWindow *m_window;
    std::shared_ptr<Prompter> m_prompter;
    QList<QAction *> m_needDatabase;
    QAction *m_export = nullptr;
};

} // namespace Rapport
