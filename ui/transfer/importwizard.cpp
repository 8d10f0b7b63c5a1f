#include "transfer/importwizard.h"

#include "transfer/importcheckpage.h"
#include "transfer/importfilepage.h"
#include "transfer/importmappingpage.h"
#include "transfer/importrunpage.h"
#include "transfer/importvaluespage.h"
#include "records/recordtypes.h"


namespace Rapport {

ImportWizard::ImportWizard(Entity entity, const QString &connection,
                           std::shared_ptr<Prompter> prompter, QWidget *parent)
    : QWizard(parent)
    , m_session(new ImportSession(entity, connection, std::move(prompter), this))
{
    setObjectName(QStringLiteral("importWizard"));
    setWindowTitle(tr("Import %1").arg(entityPlural(entity)));
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setPage(FilePageId, new ImportFilePage(m_session));
    setPage(MappingPageId, new ImportMappingPage(m_session));
    setPage(ValuesPageId, new ImportValuesPage(m_session));
    setPage(CheckPageId, new ImportCheckPage(m_session));
    setPage(RunPageId, new ImportRunPage(m_session));
    connect(m_session, &ImportSession::imported, this, &ImportWizard::imported);
    resize(900, 620);
}

ImportWizard::~ImportWizard() = default;

void ImportWizard::setFilePath(const QString &path)
{
    static_cast<ImportFilePage *>(page(FilePageId))->setFilePath(path);
}

void ImportWizard::reject()
{
    if (auto *run = qobject_cast<ImportRunPage *>(page(RunPageId)); run && run->isRunning()) {
        run->cancel();
        return;
    }
    QWizard::reject();
}

} // namespace Rapport
