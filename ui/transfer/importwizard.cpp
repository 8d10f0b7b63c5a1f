#include "transfer/importwizard.h"

#include "transfer/importcheckpage.h"
#include "transfer/importfilepage.h"
#include "transfer/importmappingpage.h"
#include "transfer/importrunpage.h"
#include "prompts/prompter.h"
#include "records/recordtypes.h"

#include <QDir>
#include <QFileDialog>

namespace Rapport {

ImportWizard::ImportWizard(Entity entity, const QString &connection,
                           std::shared_ptr<Prompter> prompter, QWidget *parent)
    : QWizard(parent)
    , m_connection(connection)
    , m_prompter(prompter ? std::move(prompter) : Prompter::standard())
{
    setObjectName(QStringLiteral("importWizard"));
    m_options.entity = entity;
    setWindowTitle(tr("Import %1").arg(entityPlural(entity)));
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setPage(FilePageId, new ImportFilePage(this));
    setPage(MappingPageId, new ImportMappingPage(this));
    setPage(CheckPageId, new ImportCheckPage(this));
    setPage(RunPageId, new ImportRunPage(this));
    m_chooseFile = [](QWidget *owner, const QString &title, const QString &filter, bool save) {
        return save ? QFileDialog::getSaveFileName(owner, title, QDir::homePath(), filter)
                    : QFileDialog::getOpenFileName(owner, title, QDir::homePath(), filter);
    };
    resize(900, 620);
}

ImportWizard::~ImportWizard() = default;

QString ImportWizard::chooseFile(const QString &title, const QString &filter, bool save)
{
    return m_chooseFile(this, title, filter, save);
}

void ImportWizard::reject()
{
    if (auto *run = qobject_cast<ImportRunPage *>(page(RunPageId)); run && run->isRunning()) {
        run->cancel();
        return;
    }
    QWizard::reject();
}

QString ImportWizard::tempPath(const QString &fileName)
{
    if (!m_temp)
        m_temp = std::make_unique<QTemporaryDir>();
    // One directory per copy: the copy keeps the user's file name for the import history.
    const QString dir = m_temp->filePath(QString::number(++m_copySerial));
    QDir().mkpath(dir);
    return QDir(dir).filePath(fileName);
}

} // namespace Rapport
