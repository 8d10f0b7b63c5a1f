#include "transfer/importmappingpage.h"

#include "storage/picklists.h"

#include "transfer/importoptions.h"
#include "transfer/headermatcher.h"
#include "transfer/importer.h"
#include "transfer/importsession.h"
#include "transfer/importwizard.h"
#include "transfer/picklistscanner.h"
#include "records/recordtypes.h"

#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QEventLoop>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>
#include <thread>

namespace Rapport {

namespace {

enum Column { HeaderColumn, SampleColumn, FieldColumn };

} // namespace

ImportMappingPage::ImportMappingPage(ImportSession *session)
    : QWizardPage()
    , m_session(session)
    , m_table(new QTableWidget(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("importMappingPage"));
    setTitle(tr("Match the columns"));
    setSubTitle(tr("Choose the field each column of the file fills. Columns Rapport has no "
                   "field for can go to Description or be skipped."));
    m_table->setObjectName(QStringLiteral("mappingTable"));
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Column in the file"), tr("First value"),
                                        tr("Rapport field")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_message->setObjectName(QStringLiteral("mappingMessage"));
    m_message->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
}

QString ImportMappingPage::settingsKey() const
{
    const QByteArray headers = m_session->headers().join(QLatin1Char('\n')).toUtf8();
    return QStringLiteral("import/mapping/%1/%2")
        .arg(QLatin1String(entityDef(m_session->entity()).table),
             QString::fromLatin1(QCryptographicHash::hash(headers, QCryptographicHash::Sha1)
                                     .toHex()));
}

void ImportMappingPage::initializePage()
{
    const ImportOptions &o = m_session->options();
    const ImportPreview p = Importer::preview(o, 1);
    m_session->headers() = p.headers;
    QStringList mapping = QSettings().value(settingsKey()).toStringList();
    if (mapping.size() != p.headers.size())
        mapping = p.mapping;
    m_table->setRowCount(0);
    m_table->setRowCount(int(p.headers.size()));
    for (int i = 0; i < p.headers.size(); ++i) {
        const QString sample = p.rows.isEmpty() ? QString() : p.rows.first().value(i);
        addRow(i, p.headers[i], sample, mapping.value(i));
    }
    updateMessage();
}

void ImportMappingPage::addRow(int column, const QString &header, const QString &sample,
                               const QString &target)
{
    m_table->setItem(column, HeaderColumn, new QTableWidgetItem(header));
    m_table->setItem(column, SampleColumn, new QTableWidgetItem(sample));
    auto *combo = new QComboBox(m_table);
    combo->setObjectName(QStringLiteral("fieldCombo%1").arg(column));
    combo->addItem(tr("Skip this column"), QString());
    combo->addItem(tr("Add to Description"), ImportOptions::toDescription());
    combo->addItem(tr("Record Id"), HeaderMatcher::recordId());
    combo->insertSeparator(combo->count());
    for (const FieldDef &f : entityDef(m_session->entity()).fields) {
        combo->addItem(f.required ? tr("%1 (required)").arg(fieldLabel(f)) : fieldLabel(f),
                       QString::fromLatin1(f.name));
    }
    combo->setCurrentIndex(std::max(0, combo->findData(target)));
    connect(combo, &QComboBox::currentIndexChanged, this, &ImportMappingPage::updateMessage);
    m_table->setCellWidget(column, FieldColumn, combo);
}

QStringList ImportMappingPage::mapping() const
{
    QStringList result;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(r, FieldColumn));
        result << (combo ? combo->currentData().toString() : QString());
    }
    return result;
}

void ImportMappingPage::updateMessage()
{
    const QStringList current = mapping();
    m_missing.clear();
    QStringList twice;
    for (const FieldDef &f : entityDef(m_session->entity()).fields) {
        const qsizetype uses = current.count(QLatin1String(f.name));
        if (f.required && uses == 0)
            m_missing << fieldLabel(f);
        if (uses > 1)
            twice << fieldLabel(f);
    }
    QStringList lines;
    if (!m_missing.isEmpty()) {
        lines << tr("Choose a column for %1: every %2 needs it.")
                     .arg(m_missing.join(tr(", ")), entitySingular(m_session->entity()).toLower());
    }
    if (!twice.isEmpty()) {
        lines << tr("Only the first column for %1 is imported; send the others to Description.")
                     .arg(twice.join(tr(", ")));
    }
    m_message->setText(lines.join(QLatin1Char('\n')));
    emit completeChanged();
}

bool ImportMappingPage::isComplete() const
{
    return m_missing.isEmpty() && m_table->rowCount() > 0;
}

bool ImportMappingPage::validatePage()
{
    m_session->options().mapping = mapping();
    QSettings().setValue(settingsKey(), m_session->options().mapping);
    // nextId() must know the answer when Next is pressed, so the page waits for it here;
    // the file is read on a thread of its own, and the window goes on painting meanwhile
    // (a million rows take seconds). Only the picklist columns are looked at, and a file
    // that cannot be read is the check's to say.
    m_session->options().valueMap.clear();
    m_session->options().addToList.clear();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    PicklistScan scan;
    QEventLoop loop;
    // A standard thread, joined: ThreadSanitizer sees the scan handed over by the join
    // (QThread's wait is inside Qt, which is not built with it). The thread only wakes the
    // loop, with an event Qt makes and reads itself: nothing of Rapport's travels in Qt's queue.
    std::thread reader([&scan, &loop, options = m_session->options(),
                        added = Picklists(m_session->connection()).added()] {
        scan = PicklistScanner::scanFile(options, added);
        QCoreApplication::postEvent(&loop, new QEvent(QEvent::Quit));
    });
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    reader.join();
    m_session->picklistScan() = std::move(scan);
    QApplication::restoreOverrideCursor();
    return true;
}

int ImportMappingPage::nextId() const
{
    return m_session->picklistScan().isEmpty() ? ImportWizard::CheckPageId
                                               : ImportWizard::ValuesPageId;
}

} // namespace Rapport
