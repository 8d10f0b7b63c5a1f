<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Database</name>
    <message>
        <location filename="../models/database.cpp" line="59"/>
        <source>“%1” is a folder, not a Rapport database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/database.cpp" line="61"/>
        <source>“%1” is not a Rapport database (it is not an SQLite file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/database.cpp" line="64"/>
        <source>Cannot create the folder “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/database.cpp" line="81"/>
        <source>Could not keep a backup copy before upgrading the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/database.cpp" line="90"/>
        <source>“%1” cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/database.cpp" line="95"/>
        <source>“%1” holds another program’s data, not a Rapport database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/database.cpp" line="98"/>
        <source>“%1” was made by a newer Rapport (schema %2; this version reads up to %3). Please update Rapport.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/database.cpp" line="112"/>
        <source>Upgrading “%1” failed, nothing was changed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/database.cpp" line="131"/>
        <source>The %1 database driver is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/database.cpp" line="137"/>
        <source>Cannot open “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Cli</name>
    <message>
        <location filename="../models/cli.cpp" line="28"/>
        <source>print how many records the module shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="30"/>
        <source>fill the database with generated sample records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="42"/>
        <source>Rapport&apos;s command line: the desktop CRM without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="46"/>
        <source>Database file, or postgresql://USER[:PASS]@HOST[:PORT]/DBNAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="47"/>
        <source>Print the result as one JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="48"/>
        <source>count: the same quick search as the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="49"/>
        <source>count: include converted leads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="50"/>
        <source>demo: number of leads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="51"/>
        <source>demo: number of contacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="52"/>
        <source>demo: number of accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="53"/>
        <source>demo: number of deals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="55"/>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/cli.cpp" line="100"/>
        <source>unknown command “%1” (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clibasic.cpp" line="30"/>
        <source>--%1 takes a whole number ≥ 0, not “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clibasic.cpp" line="51"/>
        <source>could not add the sample records: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clibasic.cpp" line="56"/>
        <source>Added %1 leads, %2 contacts, %3 accounts and %4 deals in %5 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clibasic.cpp" line="67"/>
        <source>usage: rapport-cli count MODULE (leads, contacts, accounts or deals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clibasic.cpp" line="70"/>
        <source>unknown module “%1”: use leads, contacts, accounts or deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clibasic.cpp" line="78"/>
        <source>could not count the records</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::DateLineEdit</name>
    <message>
        <location filename="../ui/datelineedit.cpp" line="17"/>
        <source>Pick a date from the calendar (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::DeleteConfirmation</name>
    <message numerus="yes">
        <location filename="../ui/deleteconfirmation.cpp" line="16"/>
        <source>Delete %n lead(s)?</source>
        <translation><numerusform>Delete %n lead?</numerusform><numerusform>Delete %n leads?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deleteconfirmation.cpp" line="17"/>
        <source>Delete %n contact(s)?</source>
        <translation><numerusform>Delete %n contact?</numerusform><numerusform>Delete %n contacts?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deleteconfirmation.cpp" line="18"/>
        <source>Delete %n account(s)?</source>
        <translation><numerusform>Delete %n account?</numerusform><numerusform>Delete %n accounts?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deleteconfirmation.cpp" line="19"/>
        <source>Delete %n deal(s)?</source>
        <translation><numerusform>Delete %n deal?</numerusform><numerusform>Delete %n deals?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deleteconfirmation.cpp" line="26"/>
        <source>%n contact(s)</source>
        <translation><numerusform>%n contact</numerusform><numerusform>%n contacts</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deleteconfirmation.cpp" line="27"/>
        <source>%n deal(s)</source>
        <translation><numerusform>%n deal</numerusform><numerusform>%n deals</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="29"/>
        <source>This account still has %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="30"/>
        <source>These accounts still have %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="33"/>
        <source>This account still has %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="34"/>
        <source>These accounts still have %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="35"/>
        <source>This contact still has %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="36"/>
        <source>These contacts still have %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="43"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="46"/>
        <source>This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="47"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="48"/>
        <location filename="../ui/deleteconfirmation.cpp" line="64"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="56"/>
        <source>Delete with its contacts and deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="57"/>
        <source>Delete with their contacts and deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="59"/>
        <source>Keep them, without account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="61"/>
        <source>Delete the deals too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="62"/>
        <source>Keep the deals, without contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="90"/>
        <source>Could not delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/deleteconfirmation.cpp" line="91"/>
        <source>Nothing was deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Entity</name>
    <message>
        <location filename="../models/recordtypes.cpp" line="25"/>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="26"/>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="57"/>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="58"/>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="84"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="85"/>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="113"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="114"/>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Field</name>
    <message>
        <location filename="../models/recordtypes.cpp" line="27"/>
        <location filename="../models/recordtypes.cpp" line="59"/>
        <source>Salutation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="28"/>
        <location filename="../models/recordtypes.cpp" line="60"/>
        <source>First Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="29"/>
        <location filename="../models/recordtypes.cpp" line="61"/>
        <source>Last Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="30"/>
        <location filename="../models/recordtypes.cpp" line="63"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="31"/>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="32"/>
        <location filename="../models/recordtypes.cpp" line="91"/>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="33"/>
        <location filename="../models/recordtypes.cpp" line="94"/>
        <source>Annual Revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="34"/>
        <source>No. of Employees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="35"/>
        <location filename="../models/recordtypes.cpp" line="87"/>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="36"/>
        <location filename="../models/recordtypes.cpp" line="65"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="37"/>
        <location filename="../models/recordtypes.cpp" line="66"/>
        <source>Secondary Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="38"/>
        <location filename="../models/recordtypes.cpp" line="67"/>
        <location filename="../models/recordtypes.cpp" line="88"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="39"/>
        <location filename="../models/recordtypes.cpp" line="68"/>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="40"/>
        <location filename="../models/recordtypes.cpp" line="69"/>
        <location filename="../models/recordtypes.cpp" line="89"/>
        <source>Fax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="41"/>
        <location filename="../models/recordtypes.cpp" line="70"/>
        <source>Email Opt Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="42"/>
        <location filename="../models/recordtypes.cpp" line="71"/>
        <location filename="../models/recordtypes.cpp" line="122"/>
        <source>Lead Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="43"/>
        <source>Lead Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="44"/>
        <location filename="../models/recordtypes.cpp" line="95"/>
        <location filename="../models/recordtypes.cpp" line="123"/>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="45"/>
        <location filename="../models/recordtypes.cpp" line="72"/>
        <location filename="../models/recordtypes.cpp" line="96"/>
        <location filename="../models/recordtypes.cpp" line="125"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="46"/>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="47"/>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="48"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="49"/>
        <source>Zip Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="50"/>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="51"/>
        <location filename="../models/recordtypes.cpp" line="78"/>
        <location filename="../models/recordtypes.cpp" line="107"/>
        <location filename="../models/recordtypes.cpp" line="126"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="62"/>
        <location filename="../models/recordtypes.cpp" line="86"/>
        <location filename="../models/recordtypes.cpp" line="116"/>
        <source>Account Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="64"/>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="73"/>
        <source>Mailing Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="74"/>
        <source>Mailing City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="75"/>
        <source>Mailing State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="76"/>
        <source>Mailing Zip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="77"/>
        <source>Mailing Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="90"/>
        <source>Parent Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="92"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="93"/>
        <source>Employees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="97"/>
        <source>Billing Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="98"/>
        <source>Billing City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="99"/>
        <source>Billing State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="100"/>
        <source>Billing Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="101"/>
        <source>Billing Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="102"/>
        <source>Shipping Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="103"/>
        <source>Shipping City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="104"/>
        <source>Shipping State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="105"/>
        <source>Shipping Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="106"/>
        <source>Shipping Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="115"/>
        <source>Deal Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="117"/>
        <source>Contact Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="118"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="119"/>
        <source>Closing Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="120"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="121"/>
        <source>Probability (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="124"/>
        <source>Next Step</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::FieldEditors</name>
    <message>
        <location filename="../ui/fieldeditors.cpp" line="208"/>
        <source>%1: there is no %2 named “%3”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/fieldeditors.cpp" line="211"/>
        <source>%1: more than one %2 is named “%3”; pick one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/fieldeditors.cpp" line="216"/>
        <source>%1: “%2” is not a date (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/fieldeditors.cpp" line="225"/>
        <source>%1: “%2” is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/fieldeditors.cpp" line="226"/>
        <source>%1: “%2” is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Group</name>
    <message>
        <location filename="../models/recordtypes.cpp" line="14"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="15"/>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="16"/>
        <source>Contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="17"/>
        <source>Qualification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="18"/>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="19"/>
        <source>Shipping address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="20"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordtypes.cpp" line="21"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="38"/>
        <source>No database is open.
Use File › New Database or File › Open Database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="50"/>
        <source>Rapport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="67"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="68"/>
        <source>&amp;About Rapport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="69"/>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="79"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="80"/>
        <source>&amp;New Database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="81"/>
        <source>Ctrl+Shift+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="82"/>
        <source>&amp;Open Database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="85"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="90"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="92"/>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="98"/>
        <source>&amp;Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="99"/>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="103"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="108"/>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="116"/>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="122"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="136"/>
        <source>Cannot open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="147"/>
        <source>%1 — Rapport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="149"/>
        <source>The database was upgraded; the previous version was kept as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="204"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="221"/>
        <location filename="../ui/mainwindow.cpp" line="226"/>
        <source>New Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="222"/>
        <source>Rapport databases (*.sqlite *.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="226"/>
        <source>“%1” cannot be replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="235"/>
        <source>Open Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="236"/>
        <source>Rapport databases (*.sqlite *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="285"/>
        <source>About Rapport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="286"/>
        <source>&lt;h3&gt;Rapport %1&lt;/h3&gt;&lt;p&gt;A desktop CRM for small sales teams: leads, contacts, accounts and deals.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL version 3 or later.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::NotesPanel</name>
    <message>
        <location filename="../ui/notespanel.cpp" line="25"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/notespanel.cpp" line="33"/>
        <source>Write a note… (Ctrl+Enter adds it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/notespanel.cpp" line="38"/>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/notespanel.cpp" line="90"/>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/notespanel.cpp" line="95"/>
        <source>No notes yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RecentDatabases</name>
    <message>
        <location filename="../ui/recentdatabases.cpp" line="55"/>
        <source>&amp;%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recentdatabases.cpp" line="61"/>
        <source>No recent databases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recentdatabases.cpp" line="65"/>
        <source>&amp;Clear List</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RecordDialog</name>
    <message>
        <location filename="../ui/recorddialog.cpp" line="25"/>
        <source>New Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="26"/>
        <source>New Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="27"/>
        <source>New Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="28"/>
        <source>New Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="89"/>
        <location filename="../ui/recorddialog.cpp" line="299"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="92"/>
        <source>Save and close (Ctrl+S, Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="94"/>
        <source>Save &amp;&amp; &amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="97"/>
        <source>Save and start another (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="175"/>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="176"/>
        <location filename="../ui/recorddialog.cpp" line="178"/>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="192"/>
        <location filename="../ui/recorddialog.cpp" line="246"/>
        <source>Could not add the note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="205"/>
        <source>%1 #%2 no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="209"/>
        <source>%1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="224"/>
        <source>Open account “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="224"/>
        <source>No account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="270"/>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="297"/>
        <source>Save the changes to this record before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="298"/>
        <source>Changes you don&apos;t save are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="300"/>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recorddialog.cpp" line="301"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RecordForm</name>
    <message>
        <location filename="../ui/recordform.cpp" line="52"/>
        <source>%1 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recordform.cpp" line="58"/>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RecordStore</name>
    <message>
        <location filename="../models/recordstore.cpp" line="123"/>
        <location filename="../models/recordstore.cpp" line="163"/>
        <source>There is no %1 with id %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/recordstore.cpp" line="166"/>
        <source>%1 %2 still has %3 contact(s) and %4 deal(s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RecordTab</name>
    <message>
        <location filename="../ui/recordtab.cpp" line="76"/>
        <source>Search name, email, company, phone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recordtab.cpp" line="84"/>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recordtab.cpp" line="85"/>
        <source>All sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recordtab.cpp" line="88"/>
        <source>Converted leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recordtab.cpp" line="89"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recordtab.cpp" line="90"/>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recordtab.cpp" line="91"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recordtab.cpp" line="95"/>
        <source>All stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/recordtab.cpp" line="241"/>
        <source>Reset Columns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ReferencePicker</name>
    <message>
        <location filename="../ui/referencepicker.cpp" line="34"/>
        <source>Type to search %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepicker.cpp" line="63"/>
        <location filename="../ui/referencepicker.cpp" line="112"/>
        <source>%1 (#%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RelatedList</name>
    <message>
        <location filename="../ui/relatedlist.cpp" line="33"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/relatedlist.cpp" line="77"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/relatedlist.cpp" line="77"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Validation</name>
    <message>
        <location filename="../models/validation.cpp" line="30"/>
        <source>%1: “%2” is not a valid email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/validation.cpp" line="36"/>
        <source>%1: “%2” is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/validation.cpp" line="41"/>
        <source>%1: “%2” is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/validation.cpp" line="45"/>
        <source>%1: “%2” is not a date (YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/validation.cpp" line="80"/>
        <source>%1 is required.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="16"/>
        <source>Rapport, a desktop CRM for small sales teams.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="20"/>
        <source>Database file to open (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
