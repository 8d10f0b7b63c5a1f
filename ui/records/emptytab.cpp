#include "records/emptytab.h"

#include "records/recordtypes.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Rapport {

EmptyTab::EmptyTab(Entity entity, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("emptyState"));
    auto *heading = new QLabel(tr("No %1 yet").arg(entityNoun(entity, true)), this);
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    heading->setFont(big);
    heading->setAlignment(Qt::AlignCenter);
    auto *hint = new QLabel(tr("Bring in the file you have, add the first one by hand, or try "
                               "Rapport with sample records."), this);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    auto *import = new QPushButton(QIcon::fromTheme(QStringLiteral("document-import")),
                                   tr("&Import a File…"), this);
    import->setObjectName(QStringLiteral("emptyImportButton"));
    auto *add = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")),
                                tr("&Add the First %1").arg(entitySingular(entity)), this);
    add->setObjectName(QStringLiteral("emptyNewButton"));
    auto *sample = new QPushButton(tr("Fill In &Sample Data"), this);
    sample->setObjectName(QStringLiteral("emptySampleButton"));
    connect(import, &QPushButton::clicked, this, &EmptyTab::importRequested);
    connect(add, &QPushButton::clicked, this, &EmptyTab::newRecordRequested);
    connect(sample, &QPushButton::clicked, this, &EmptyTab::sampleDataRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    for (QPushButton *b : {import, add, sample})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(heading);
    layout->addWidget(hint);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch(3);
    setFocusProxy(import);
}

} // namespace Rapport
