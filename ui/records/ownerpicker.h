#pragma once
// The Owner field's editor: the users to pick from, completed as the rep types (any part of
// a name, case ignored), and room to type a name that is no user yet - which the form then
// offers to add (records/ownerprompt.h).

#include <QComboBox>

namespace Rapport {

class OwnerPicker : public QComboBox
{
    Q_OBJECT

public:
    explicit OwnerPicker(const QString &connection, QWidget *parent = nullptr);

    // The name as typed or picked, its spaces tidied; "" for none.
    QString name() const;
    void setName(const QString &name);
    // Whether the name is one of the users (case ignored); an empty one is.
    bool isKnown() const;
    // Reads the users again (one may have been added meanwhile).
    void reload();

private:
    QString m_connection;
};

} // namespace Rapport
